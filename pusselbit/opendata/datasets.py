"""The open datasets: what each one is (titles, descriptions and columns in Swedish and English,
for the catalogue and the README) and its rows for one region.

The money's rows come from the same queries as the region's own pages (funds.queries), read
with scoping disabled narrowly around them: the open data is read by the anonymous, whose
request scope is empty, and every query here is filtered by the region in the address. The
initiatives' and the action plans' rows are read through the publishing rules
(pusselbit.public, see records.py), as the public pages read them. Only public records go out:
amounts, dates, organisations and registration numbers, never who recorded a row, a contact
person or an internal note.

Column names follow the national conventions for public finance data: lower-case snake_case,
Swedish, without å, ä and ö."""

from django.utils import timezone

from pusselbit.core.scoping import scopes_disabled
from pusselbit.funds import queries as funds
from pusselbit.funds.enums import AllocationKey
from pusselbit.organisations.enums import OrganisationKind

from . import records
from .base import AMOUNT_EN, AMOUNT_SV, Column, Dataset

PER_CAPITA = (AllocationKey.POPULATION, AllocationKey.RATE)


def _municipality_code(organisation) -> str:
    return organisation.code if organisation.kind == OrganisationKind.MUNICIPALITY else ""


AGREEMENT_COLUMNS = (
    Column("ar", "Överenskommelsens år.", "The agreement's year."),
    Column("overenskommelse", "Överenskommelsen, t.ex. ÖK 2020.", "The agreement, e.g. ÖK 2020."),
)
DIRECTION_COLUMNS = (
    Column("inriktning_kod", "Inriktningens kod.", "The direction's code."),
    Column("inriktning", "Inriktningens namn på svenska.", "The direction's name in Swedish."),
    Column("inriktning_en", "Inriktningens namn på engelska.", "The direction's name in English."),
)
RECIPIENT_COLUMNS = (
    Column("mottagare", "Mottagande organisation.", "The receiving organisation."),
    Column(
        "mottagare_organisationsnummer",
        "Mottagarens organisationsnummer, NNNNNN-NNNN (tomt om regionen inte har angett det).",
        "The recipient's organisation number, NNNNNN-NNNN (empty if the region has not given it).",
    ),
    Column(
        "mottagare_kommunkod",
        "Kommunkod (fyra siffror) när mottagaren är en kommun, annars tomt.",
        "Municipality code (four digits) when the recipient is a municipality, else empty.",
    ),
)


def _agreement(agreement) -> dict:
    return {"ar": agreement.year, "overenskommelse": agreement.name}


def _direction(direction) -> dict:
    return {
        "inriktning_kod": direction.code,
        "inriktning": direction.name,
        "inriktning_en": direction.name_en,
    }


def _recipient(organisation) -> dict:
    return {
        "mottagare": organisation.name,
        "mottagare_organisationsnummer": organisation.organisation_number,
        "mottagare_kommunkod": _municipality_code(organisation),
    }


def _ledger(region):
    with scopes_disabled():
        return funds.ledger(region, today=timezone.localdate())


def allocation_rows(region) -> list[dict]:
    rows = []
    for row in _ledger(region):
        share, allocation = row.share, row.share.allocation
        per_capita = allocation.key in PER_CAPITA and not share.pooled
        rows.append(
            {
                **_agreement(allocation.funds.agreement),
                **_direction(allocation.funds.direction),
                **_recipient(share.recipient),
                "fordelningsnyckel": allocation.key,
                "gemensam_pott": share.pooled,
                # As the funds page's split: a per-capita share's weight is the population.
                "befolkning": int(share.weight) if per_capita else None,
                "befolkning_datum": allocation.reference_date if per_capita else None,
                "belopp": share.amount,
            }
        )
    return rows


def requisition_rows(region) -> list[dict]:
    with scopes_disabled():
        requisitions = list(funds.requisitions(region))
        return [
            {
                **_agreement(requisition.agreement),
                "datum": requisition.requisitioned_on,
                "rekvirerat_av": requisition.requisitioned_by.name,
                "rekvirerat_av_kod": requisition.requisitioned_by.code,
                "rekvirerat_fran": requisition.requisitioned_from,
                "inriktningar": ",".join(d.code for d in requisition.directions.all()),
                "pa_uppdrag_av": "; ".join(o.name for o in requisition.on_behalf_of.all()),
                "belopp": requisition.amount,
                "diarienummer": requisition.registration_number,
            }
            for requisition in requisitions
        ]


def repayment_rows(region) -> list[dict]:
    return [
        {
            **_agreement(row.share.allocation.funds.agreement),
            "anvands_senast": row.share.allocation.funds.agreement.use_by,
            **_direction(row.share.allocation.funds.direction),
            **_recipient(row.share.recipient),
            "tilldelat": row.allocated,
            "forbrukat": row.spent,
            "att_aterbetala": row.to_repay,
        }
        for row in _ledger(region)
        if row.to_repay is not None
    ]


ALLOCATIONS = Dataset(
    slug="fordelning",
    title_sv="Fördelning av stimulansmedel för psykisk hälsa",
    title_en="Allocation of state stimulus funds for mental health",
    description_sv=(
        "Hur regionens stimulansmedel enligt överenskommelserna om psykisk hälsa (ÖK) fördelas "
        "per överenskommelseår, inriktning och mottagare, med fördelningsnyckel och befolkning."
    ),
    description_en=(
        "How the region's state stimulus funds under the mental-health agreements (ÖK) are "
        "allocated per agreement year, direction and recipient, with the allocation key and "
        "population."
    ),
    keywords_sv=("stimulansmedel", "psykisk hälsa", "fördelning", "kommuner"),
    keywords_en=("stimulus funds", "mental health", "allocation", "municipalities"),
    columns=(
        *AGREEMENT_COLUMNS,
        *DIRECTION_COLUMNS,
        *RECIPIENT_COLUMNS,
        Column(
            "fordelningsnyckel",
            "Fördelningsnyckel: population (befolkning vid ett datum), rate (belopp per "
            "invånare), flat (lika belopp), ratio (i proportion till en annan inriktning), "
            "weights (vikter från fil) eller manual (tabell ur ett beslut).",
            "Allocation key: population (at a reference date), rate (per inhabitant), flat "
            "(same amount each), ratio (in proportion to another direction), weights (from a "
            "file) or manual (a table from a decision).",
        ),
        Column(
            "gemensam_pott",
            "true när raden är en gemensam pott som avsatts först (toppfinansiering).",
            "true when the row is a pooled top slice set aside first.",
        ),
        Column(
            "befolkning",
            "Mottagarens befolkning som fördelningen räknades på (per capita-nycklar).",
            "The recipient's population the allocation used (per-capita keys).",
        ),
        Column(
            "befolkning_datum",
            "Datum för befolkningssiffran (ÅÅÅÅ-MM-DD).",
            "Reference date of the population (YYYY-MM-DD).",
        ),
        Column("belopp", AMOUNT_SV, AMOUNT_EN),
    ),
    rows=allocation_rows,
)

REQUISITIONS = Dataset(
    slug="rekvisitioner",
    title_sv="Rekvisitioner av stimulansmedel för psykisk hälsa",
    title_en="Requisitions of state stimulus funds for mental health",
    description_sv=(
        "Vem som rekvirerat vilka medel, från vem, när och för vilka mottagares räkning, per "
        "överenskommelseår."
    ),
    description_en=(
        "Who requisitioned which funds, from whom, when and on whose behalf, per agreement year."
    ),
    keywords_sv=("stimulansmedel", "psykisk hälsa", "rekvisition"),
    keywords_en=("stimulus funds", "mental health", "requisition"),
    columns=(
        *AGREEMENT_COLUMNS,
        Column("datum", "Rekvisitionens datum (ÅÅÅÅ-MM-DD).", "Date of the requisition."),
        Column("rekvirerat_av", "Organisationen som rekvirerade (betalningsmottagare).", "Payee."),
        Column(
            "rekvirerat_av_kod",
            "Betalningsmottagarens kommun- eller länskod.",
            "The payee's municipality or county code.",
        ),
        Column("rekvirerat_fran", "Från vem medlen rekvirerades (t.ex. SKR).", "From (e.g. SKR)."),
        Column(
            "inriktningar",
            "Inriktningarnas koder, kommaseparerade.",
            "The directions' codes, comma-separated.",
        ),
        Column(
            "pa_uppdrag_av",
            "Organisationer som medlen rekvirerades för, separerade med semikolon och blanksteg.",
            "Organisations the funds were requisitioned for, separated by '; '.",
        ),
        Column("belopp", AMOUNT_SV, AMOUNT_EN),
        Column("diarienummer", "Diarienummer.", "Registration number."),
    ),
    rows=requisition_rows,
)

REPAYMENTS = Dataset(
    slug="aterbetalning",
    title_sv="Återbetalning av outnyttjade stimulansmedel",
    title_en="Repayment of unused state stimulus funds",
    description_sv=(
        "För överenskommelser vars sista användningsdag har passerat: per inriktning och "
        "mottagare vad som tilldelades, vad som förbrukades och vad som ska återbetalas."
    ),
    description_en=(
        "For agreements whose use-by date has passed: per direction and recipient what was "
        "allocated, what was spent and what is to be repaid."
    ),
    keywords_sv=("stimulansmedel", "psykisk hälsa", "återbetalning"),
    keywords_en=("stimulus funds", "mental health", "repayment"),
    columns=(
        *AGREEMENT_COLUMNS,
        Column("anvands_senast", "Sista dag att använda medlen.", "Last day to use the funds."),
        *DIRECTION_COLUMNS,
        *RECIPIENT_COLUMNS,
        Column("tilldelat", "Tilldelat belopp. " + AMOUNT_SV, "Allocated. " + AMOUNT_EN),
        Column("forbrukat", "Förbrukat belopp. " + AMOUNT_SV, "Spent. " + AMOUNT_EN),
        Column(
            "att_aterbetala",
            "Att återbetala (tilldelat minus förbrukat). " + AMOUNT_SV,
            "To repay (allocated less spent). " + AMOUNT_EN,
        ),
    ),
    rows=repayment_rows,
)

# The money's, then the records whose publishing rules are pusselbit.public's (records.py).
DATASETS = (ALLOCATIONS, REQUISITIONS, REPAYMENTS, *records.DATASETS)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
