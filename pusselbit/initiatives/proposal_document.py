"""The proposal as LSVO reads it (underlag till LSVO); agenda_document.py puts an LSVO meeting's
proposals in one file after its agenda.

Unlike a decision, the proposal is no registered record: the document is built from the data
as it stands when it is downloaded, and says so ("Utskrivet" and the date, in the letterhead and
in a notice under the heading). Like every document it is Swedish by definition (see
documents.context): its fixed texts are Swedish here, and everything else is built under
translation.override("sv")."""

from collections import defaultdict
from dataclasses import replace

from django.db.models import Prefetch
from django.utils import timezone, translation

from pusselbit.core.formatting import (
    format_iso_date,
    format_long_date,
    format_money,
    format_number,
)
from pusselbit.documents.context import (
    ZERO,
    Document,
    DocumentSection,
    Table,
    Text,
    joined_words,
    notes_last,
    text_blocks,
)

from .enums import Criterion, Funding, PreparationStep
from .models import Advice, Initiative, Participant, ReasonToProceed

# The PDF's layout: a letterhead that states facts (the date printed, the registration number),
# as a decision's does.
TEMPLATE = "documents/decision.html"

KIND = "Underlag till LSVO"
MISSING = "Inte ifyllt."
# The proposal's texts, each a section: (heading, field).
TEXTS = [
    ("Bakgrund", "background"),
    ("Syfte", "purpose"),
    ("Mål", "goals"),
    ("Programlogik", "programme_logic"),
]
PLANS = [
    ("Utvärderingsplan", "evaluation_plan"),
    ("Rapporteringsplan", "reporting_plan"),
    ("Implementeringsplan", "implementation_plan"),
    ("Ekonomiska effekter", "economic_effects"),
]


def initiatives_with_proposal():
    """Initiatives with everything their proposal document shows, in a fixed number of queries
    however many initiatives (a meeting's bundle) and however many parts each has."""
    return Initiative.objects.select_related(
        "region", "organisation", "stage", "proposal"
    ).prefetch_related(
        "priority_areas",
        "directions",
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("organisation", "operation_area"),
        ),
        "proposal__measures",
        "proposal__budget_lines",
        "criterion_assessments",
        "preparation_records",
        Prefetch(
            "reasons_to_proceed", queryset=ReasonToProceed.objects.select_related("recorded_by")
        ),
        Prefetch(
            "advice_entries",
            queryset=Advice.objects.select_related(
                "stage", "agreement", "recorded_by"
            ).prefetch_related("priority_areas", "directions", "suggested_actors"),
        ),
    )


def proposal_document(initiative, *, printed=None, overline: str = "") -> Document:
    """The initiative's proposal as it stands now (`initiative` fetched by
    initiatives_with_proposal, with a proposal): the idea in brief, the proposal's texts, its
    participants, effect measures and budget, the criteria as assessed (and any reason to go
    on although some are not met), the preparation steps and the latest advice."""
    printed = printed or timezone.localdate()
    with translation.override("sv"):
        proposal = initiative.proposal
        facts = [("Utskrivet", format_iso_date(printed))]
        if initiative.registration_number:
            facts.append(("Diarienummer", initiative.registration_number))
        sections = [
            DocumentSection("Satsningen", _about(initiative)),
            DocumentSection("Idébeskrivning i korthet", _idea(initiative)),
            *(DocumentSection(heading, _text(proposal, name)) for heading, name in TEXTS),
            DocumentSection("Evidens och beprövad erfarenhet", _evidence(proposal)),
            *(DocumentSection(heading, _text(proposal, name)) for heading, name in PLANS),
            DocumentSection("Deltagare", _participants(initiative)),
            DocumentSection("Effektmått", _measures(proposal)),
            DocumentSection("Budget", _budget(proposal)),
            DocumentSection("Bedömning mot kriterierna", _criteria(initiative)),
            DocumentSection("Beredning", _preparation(initiative)),
            DocumentSection("Rådgivning", _advice(initiative)),
        ]
        return Document(
            title=f"{KIND} – {initiative.title}",
            kind=KIND,
            name=initiative.title,
            sender=initiative.region.name,
            dated=printed,
            facts=facts,
            overline=overline,
            preamble=[
                Text(
                    f"Underlaget som det ser ut den {format_long_date(printed)}, i skedet "
                    f"{initiative.stage.display_name}. Det är ingen registrerad handling.",
                    lead="Utskrift.",
                )
            ],
            sections=[notes_last(section) for section in sections],
        )


def _labelled(label: str, text: str) -> list:
    """A text with its label in bold before its first paragraph."""
    blocks = text_blocks(text) or [Text(MISSING)]
    first = blocks[0]
    if isinstance(first, Text) and not first.note:
        return [replace(first, lead=f"{label}:"), *blocks[1:]]
    return [Text("", lead=f"{label}:"), *blocks]


def _names(objects) -> str:
    return joined_words([str(o.display_name) for o in objects]) or "–"


def _about(initiative) -> list:
    blocks = [Text(initiative.organisation.name, lead="Ansvarig organisation:")]
    if initiative.contact_name:
        blocks.append(Text(initiative.contact_name, lead="Kontaktperson:"))
    if initiative.registration_number:
        blocks.append(Text(initiative.registration_number, lead="Diarienummer:"))
    return [
        *blocks,
        Text(str(initiative.stage.display_name), lead="Skede:"),
        Text(_names(initiative.priority_areas.all()), lead="Prioriterade behovsområden:"),
        Text(_names(initiative.directions.all()), lead="Överenskommelsens inriktningar:"),
    ]


def _idea(initiative) -> list:
    return [
        *_labelled("Problem eller behov", initiative.problem),
        *_labelled("Idén", initiative.idea),
        *_labelled("Målgrupper", initiative.target_groups),
    ]


def _text(proposal, name: str) -> list:
    return text_blocks(getattr(proposal, name)) or [Text(MISSING)]


def _evidence(proposal) -> list:
    basis = proposal.get_evidence_basis_display() if proposal.evidence_basis else MISSING
    return [
        Text(str(basis), lead="Vilar på:"),
        *_labelled("Referenser", proposal.evidence_references),
    ]


def _participants(initiative) -> list:
    participants = list(initiative.participants.all())
    if not participants:
        return [Text("Inga deltagare är registrerade.")]
    return [
        Table(
            caption="Deltagande organisationer",
            header=["Organisation", "Verksamhetsområde", "Kontaktperson"],
            rows=[
                [
                    p.organisation.name,
                    p.operation_area.name if p.operation_area_id else "–",
                    p.contact_name or "–",
                ]
                for p in participants
            ],
        )
    ]


def _value(value, unit: str) -> str:
    if value is None:
        return "–"
    return f"{format_number(value)} {unit}".strip()


def _measures(proposal) -> list:
    measures = list(proposal.measures.all())
    if not measures:
        return [Text("Inga effektmått är registrerade.")]
    return [
        Table(
            caption="Effektmått",
            header=["Effektmått", "Målgrupp", "Utgångsvärde", "Målvärde", "Metod", "Hur ofta"],
            rows=[
                [
                    m.name,
                    m.target_group,
                    _value(m.baseline, m.unit),
                    _value(m.target, m.unit),
                    m.method or "–",
                    m.frequency or "–",
                ]
                for m in measures
            ],
            numeric=(2, 3),
        )
    ]


def _budget(proposal) -> list:
    lines = list(proposal.budget_lines.all())
    running = (
        "Stimulansmedlen betalar inga ordinarie driftkostnader (bekräftat i underlaget)."
        if proposal.no_running_costs
        else "Underlaget bekräftar inte att stimulansmedlen inte betalar ordinarie driftkostnader."
    )
    if not lines:
        return [Text("Inga budgetrader är registrerade."), Text(running, lead="Driftkostnader:")]
    total = sum((line.amount for line in lines), ZERO)
    return [
        Table(
            caption="Budgetrader",
            header=["År", "Kostnad", "Betalas med", "Belopp"],
            rows=[
                [
                    str(line.year),
                    line.category
                    + (" (ordinarie driftkostnad)" if line.ordinary_running_cost else ""),
                    str(line.get_funding_display()),
                    format_money(line.amount),
                ]
                for line in lines
            ],
            numeric=(3,),
            total=["Summa", "", "", format_money(total)],
        ),
        _per_year(lines, total),
        Text(running, lead="Driftkostnader:"),
    ]


def _per_year(lines, total) -> Table:
    """The budget per year and way of paying, öre-exact, with the sums of each."""
    sums = defaultdict(lambda: defaultdict(lambda: ZERO))
    for line in lines:
        sums[line.year][line.funding] += line.amount
    fundings = list(Funding)
    return Table(
        caption="Budget per år och finansiering",
        header=["År", *(str(funding.label) for funding in fundings), "Summa"],
        rows=[
            [
                str(year),
                *(format_money(sums[year][funding]) for funding in fundings),
                format_money(sum(sums[year].values(), ZERO)),
            ]
            for year in sorted(sums)
        ],
        numeric=tuple(range(1, len(fundings) + 2)),
        total=[
            "Summa",
            *(
                format_money(sum((sums[year][funding] for year in sums), ZERO))
                for funding in fundings
            ),
            format_money(total),
        ],
    )


def _criteria(initiative) -> list:
    assessed = {a.criterion: a for a in initiative.criterion_assessments.all()}
    blocks = [
        Table(
            caption="Kriterier",
            header=["Kriterium", "Bedömning", "Motivering"],
            rows=[
                [
                    str(criterion.label),
                    str(assessed[criterion].get_assessment_display())
                    if criterion in assessed
                    else "Inte bedömt",
                    assessed[criterion].motivation if criterion in assessed else "–",
                ]
                for criterion in Criterion
            ],
        )
    ]
    reasons = list(initiative.reasons_to_proceed.all())  # newest first
    if reasons:
        reason = reasons[0]
        criteria = "; ".join(str(Criterion(c).label) for c in reason.criteria)
        blocks += [
            *_labelled("Skäl att gå vidare trots att kriterier inte är uppfyllda", reason.reason),
            Text(
                f"Registrerat den {format_long_date(timezone.localdate(reason.recorded_at))} av "
                f"{_person(reason.recorded_by)}, för kriterierna som då inte var uppfyllda: "
                f"{criteria or '–'}."
            ),
        ]
    return blocks


def _preparation(initiative) -> list:
    done = {record.step: record for record in initiative.preparation_records.all()}
    return [
        Table(
            caption="Beredningens steg",
            header=["Steg", "Klart", "Anteckning"],
            rows=[
                [
                    str(step.label),
                    format_iso_date(done[step].done_on) if step in done else "Inte klart",
                    (done[step].note or "–") if step in done else "–",
                ]
                for step in PreparationStep
            ],
        )
    ]


def _advice(initiative) -> list:
    entries = list(initiative.advice_entries.all())  # newest first
    if not entries:
        return [Text("Ingen rådgivning är registrerad.")]
    advice = entries[0]
    fits = str(advice.get_fits_agreement_display())
    blocks = [
        Text(
            f"Länssamordnarnas senaste råd, den "
            f"{format_long_date(timezone.localdate(advice.recorded_at))} av "
            f"{_person(advice.recorded_by)} (skede: {advice.stage.display_name})."
        ),
        Text(f"{fits}. {advice.fit_note}".strip(), lead="Stämmer med överenskommelsen:"),
    ]
    if advice.agreement_id:
        blocks.append(Text(advice.agreement.name, lead="Överenskommelse:"))
    blocks += [
        Text(_names(advice.priority_areas.all()), lead="Prioriterade behovsområden:"),
        Text(_names(advice.directions.all()), lead="Inriktningar:"),
        Text(
            joined_words([o.name for o in advice.suggested_actors.all()]) or "–",
            lead="Föreslagna aktörer:",
        ),
        *_labelled("Råd om utformning och inriktning", advice.advice),
        Text(
            f"{advice.get_next_step_display()}. {advice.next_step_note}".strip(),
            lead="Nästa steg:",
        ),
    ]
    return blocks


def _person(user) -> str:
    return user.get_full_name() or user.username
