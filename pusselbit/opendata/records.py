"""The datasets of records that pusselbit.public's rules make public, read through them as the
public pages read them: the decided initiatives (publishing.published: an approving decision
in force, and not withheld), the adopted action plans' goals and their indicators' values
(public.plans: adopted plans only). What the public pages do not show is not here either."""

from django.urls import reverse

from pusselbit.core.middleware import site_url
from pusselbit.public import plans, records

from .base import AMOUNT_EN, AMOUNT_SV, Column, Dataset


def initiative_rows(region) -> list[dict]:
    return [
        {
            "id": record.pk,
            "titel": record.title,
            "sammanfattning": record.summary,
            "inriktningar": ",".join(record.directions),
            "organisationer": "; ".join(record.organisations),
            "kommunkoder": ",".join(record.municipality_codes),
            "beslutsdatum": record.decided_on,
            "diarienummer": "; ".join(record.registration_numbers),
            "budget": record.budget,
            "etapp": record.stage,
            "etapp_en": record.stage_en,
            "url": site_url(reverse("public:initiative", args=[region.slug, record.pk])),
        }
        for record in records.decided_records(region)
    ]


def _plan_columns(plan) -> dict:
    return {
        "handlingsplan": plan.title,
        "handlingsplan_fran_ar": plan.first_year,
        "handlingsplan_till_ar": plan.last_year,
    }


def goal_rows(region) -> list[dict]:
    rows = []
    for plan in plans.public_plans(region):
        page = site_url(reverse("public:plan", args=[region.slug, plan.pk]))
        for area in plan.focus_areas:
            for goal in area.goals:
                rows.append(
                    {
                        **_plan_columns(plan),
                        "fastslagen_av": plan.adopted_by,
                        "fokusomrade_nummer": area.number,
                        "fokusomrade": area.name,
                        "fokusomrade_en": area.name_en,
                        "mal_nummer": goal.number,
                        "malgrupp": goal.target_group,
                        "mal": goal.text,
                        "indikatorer": "; ".join(i.name for i in goal.indicators),
                        "satsningar": ",".join(str(pk) for pk, _title in goal.initiatives),
                        "url": f"{page}#goal-{goal.pk}",
                    }
                )
    return rows


def indicator_rows(region) -> list[dict]:
    return [
        {
            **_plan_columns(plan),
            "indikator": indicator.name,
            "enhet": indicator.unit,
            "mal": "; ".join(
                " ".join(part for part in (goal.number, goal.target_group) if part)
                for goal in indicator.goals
            ),
            "period": value.period,
            "period_namn": value.period_label,
            "varde": value.value,
            "kalla": value.source,
        }
        for plan in plans.public_plans(region)
        for indicator in plan.indicators
        for value in indicator.values
    ]


PLAN_COLUMNS = (
    Column("handlingsplan", "Handlingsplanens titel.", "The action plan's title."),
    Column("handlingsplan_fran_ar", "Planens första år.", "The plan's first year."),
    Column("handlingsplan_till_ar", "Planens sista år.", "The plan's last year."),
)

DECIDED_INITIATIVES = Dataset(
    slug="beslutade-satsningar",
    title_sv="Beslutade satsningar för psykisk hälsa",
    title_en="Decided initiatives for mental health",
    description_sv=(
        "Regionens beslutade satsningar inom överenskommelserna om psykisk hälsa och "
        "suicidprevention: vad de gör, vilka organisationer som deltar, när de beslutades, "
        "med vilken budget och var de står nu. Satsningar som undantas från offentliggörande "
        "enligt offentlighets- och sekretesslagen (OSL) är inte med."
    ),
    description_en=(
        "The region's decided initiatives under the agreements on mental health and suicide "
        "prevention: what they do, which organisations take part, when they were decided, with "
        "what budget and where they stand now. Initiatives withheld under the Public Access to "
        "Information and Secrecy Act (OSL) are left out."
    ),
    keywords_sv=("psykisk hälsa", "suicidprevention", "satsningar", "beslut"),
    keywords_en=("mental health", "suicide prevention", "initiatives", "decisions"),
    columns=(
        Column("id", "Satsningens nummer i Pusselbit.", "The initiative's number in Pusselbit."),
        Column("titel", "Satsningens titel.", "The initiative's title."),
        Column("sammanfattning", "Idén i korthet.", "The idea in brief."),
        Column(
            "inriktningar",
            "Koderna för överenskommelsens inriktningar den hör till, kommaseparerade.",
            "The codes of the agreement's directions it belongs to, comma-separated.",
        ),
        Column(
            "organisationer",
            "Deltagande organisationer, separerade med semikolon och blanksteg.",
            "Participating organisations, separated by '; '.",
        ),
        Column(
            "kommunkoder",
            "Deltagande kommuners kommunkoder (fyra siffror), kommaseparerade.",
            "The participating municipalities' codes (four digits), comma-separated.",
        ),
        Column(
            "beslutsdatum",
            "Datum för det första bifallande beslutet som gäller (ÅÅÅÅ-MM-DD).",
            "Date of the first approving decision in force (YYYY-MM-DD).",
        ),
        Column(
            "diarienummer",
            "De bifallande besluten diarienummer, separerade med semikolon och blanksteg.",
            "The approving decisions' registration numbers, separated by '; '.",
        ),
        Column(
            "budget",
            "Beslutad budget: summan av de bifallande beslutens budgetar. " + AMOUNT_SV,
            "Decided budget: the sum of the approving decisions' budgets. " + AMOUNT_EN,
        ),
        Column("etapp", "Etappen satsningen är i nu.", "The stage the initiative is in now."),
        Column("etapp_en", "Etappens namn på engelska.", "The stage's name in English."),
        Column(
            "url",
            "Satsningens offentliga sida.",
            "The initiative's public page.",
        ),
    ),
    rows=initiative_rows,
)

PLAN_GOALS = Dataset(
    slug="handlingsplan-mal",
    title_sv="Mål i handlingsplanen för psykisk hälsa",
    title_en="Goals of the mental-health action plan",
    description_sv=(
        "De fastställda handlingsplanernas mål per fokusområde och målgrupp, med indikatorerna "
        "som följer dem och de beslutade satsningar som säger sig tjäna dem."
    ),
    description_en=(
        "The adopted action plans' goals per focus area and target group, with the indicators "
        "that follow them and the decided initiatives that say they serve them."
    ),
    keywords_sv=("handlingsplan", "psykisk hälsa", "mål", "fokusområden"),
    keywords_en=("action plan", "mental health", "goals", "focus areas"),
    columns=(
        *PLAN_COLUMNS,
        Column(
            "fastslagen_av",
            "Vem som fastställde planen.",
            "Who adopted the plan.",
        ),
        Column(
            "fokusomrade_nummer",
            "Fokusområdets nummer (regeringens fem).",
            "The focus area's number (the government's five).",
        ),
        Column("fokusomrade", "Fokusområdets namn.", "The focus area's name in Swedish."),
        Column("fokusomrade_en", "Fokusområdets namn på engelska.", "The name in English."),
        Column("mal_nummer", "Målets nummer, t.ex. 3:2.", "The goal's number, e.g. 3:2."),
        Column("malgrupp", "Målgruppen, t.ex. för vuxna.", "The target group, e.g. för vuxna."),
        Column("mal", "Målets text.", "The goal's text."),
        Column(
            "indikatorer",
            "Indikatorerna som följer målet, separerade med semikolon och blanksteg.",
            "The indicators that follow the goal, separated by '; '.",
        ),
        Column(
            "satsningar",
            "Id (se beslutade-satsningar) för beslutade satsningar som tjänar målet, "
            "kommaseparerade.",
            "Ids (see beslutade-satsningar) of decided initiatives serving the goal, "
            "comma-separated.",
        ),
        Column("url", "Målet på handlingsplanens offentliga sida.", "The goal on the plan's page."),
    ),
    rows=goal_rows,
)

INDICATOR_VALUES = Dataset(
    slug="indikatorvarden",
    title_sv="Indikatorvärden i handlingsplanen för psykisk hälsa",
    title_en="Indicator values of the mental-health action plan",
    description_sv=(
        "Värdena för de fastställda handlingsplanernas indikatorer över tid, med de mål varje "
        "indikator följer."
    ),
    description_en=(
        "The values of the adopted action plans' indicators over time, with the goals each follows."
    ),
    keywords_sv=("handlingsplan", "psykisk hälsa", "indikatorer", "uppföljning"),
    keywords_en=("action plan", "mental health", "indicators", "follow-up"),
    columns=(
        *PLAN_COLUMNS,
        Column("indikator", "Indikatorns namn.", "The indicator's name."),
        Column("enhet", "Enhet, t.ex. procent.", "Unit, e.g. per cent."),
        Column(
            "mal",
            "Målen indikatorn följer (nummer och målgrupp), separerade med semikolon.",
            "The goals the indicator follows (number and target group), separated by '; '.",
        ),
        Column(
            "period", "Periodens sista dag (ÅÅÅÅ-MM-DD).", "The period's last day (YYYY-MM-DD)."
        ),
        Column("period_namn", "Periodens namn, t.ex. 2019.", "The period's name, e.g. 2019."),
        Column("varde", "Värdet (decimalpunkt).", "The value (decimal point)."),
        Column("kalla", "Källa.", "Source."),
    ),
    rows=indicator_rows,
)

DATASETS = (DECIDED_INITIATIVES, INDICATOR_VALUES, PLAN_GOALS)
