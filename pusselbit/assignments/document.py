"""The assignment document (uppdragshandling): what it says, built from an assignment and its
parts, and its record. An adopted assignment keeps its document as it was adopted, as data
(documents.snapshot), and its PDF, Word file and page are made from that record, never rebuilt
from data that may have changed since (a redone allocation, a renamed organisation or agreement,
an edited action-plan goal). The record is taken in the same transaction as the adoption
(domain.adopt_assignment).

The document is Swedish by definition (see documents.context): its fixed texts are Swedish here.
"""

from django.db.models import Prefetch
from django.utils import translation

from pusselbit.core.formatting import format_iso_date, format_money, format_whole_kronor
from pusselbit.core.scoping import scopes_disabled
from pusselbit.documents.context import (
    ZERO,
    Document,
    DocumentSection,
    Items,
    Signatory,
    Table,
    Text,
    bullet_items,
    format_extent,
    joined_words,
    notes_last,
    text_blocks,
)
from pusselbit.documents.snapshot import from_data, to_data
from pusselbit.funds.enums import Unit
from pusselbit.funds.models import Share
from pusselbit.funds.tables import allocation_split
from pusselbit.plans.models import Goal

from .enums import AssignmentStatus, PointKind
from .models import Assignment, ReportingLine

# The headings of an assignment document, in the seeds' order (VG 2018 and 2020).
BACKGROUND = "Bakgrund"
GOALS = "De mål som berörs i handlingsplanen"
ACTIVITY = "Aktivitet"
PURPOSE = "Syfte"
POINT_HEADINGS = {
    PointKind.BASIS: "Uppdraget ska utgå från",
    PointKind.OVERALL: "Övergripande uppdrag",
    PointKind.EXAMPLE: "Exempel på aktiviteter",
}
REPORTING = "Avrapportering"
ORGANISATION = "Organisation"
FUNDS = "Medel"
TIMELINE = "Tidplan"
ASSIGNMENT_SECTIONS = [
    BACKGROUND,
    GOALS,
    ACTIVITY,
    PURPOSE,
    *POINT_HEADINGS.values(),
    REPORTING,
    ORGANISATION,
    FUNDS,
    TIMELINE,
]

ASSIGNMENT_KIND = "Uppdragshandling"


def _assignment_name(title: str) -> str:
    """The title without a leading "Uppdragshandling", which the heading's kind line says
    already (the 2020 seed's title is "Uppdragshandling koordinatorer för …")."""
    if title[: len(ASSIGNMENT_KIND)].lower() == ASSIGNMENT_KIND.lower():
        return title[len(ASSIGNMENT_KIND) :].lstrip(" \u2013-:")
    return title


def _assignment_title(title: str) -> str:
    name = _assignment_name(title)
    return f"{ASSIGNMENT_KIND} {name}" if name != title else f"{ASSIGNMENT_KIND} – {title}"


def assignment_document(assignment) -> Document:
    """The assignment document (uppdragshandling) as the VG seeds lay it out. Expects the
    assignment fetched with its parts (views.assignment_for), or queries for each part."""
    with translation.override("sv"):
        points = {kind: [] for kind in PointKind.values}
        for point in assignment.points.all():
            points[point.kind].append(point.text)
        sections = [
            DocumentSection(
                BACKGROUND,
                # The questions follow the background, which leads in to them (2020 seed).
                text_blocks(assignment.background) + bullet_items(points[PointKind.QUESTION]),
            ),
            _goals_section(assignment),
            _activity_section(assignment),
            DocumentSection(PURPOSE, text_blocks(assignment.purpose)),
            *(
                DocumentSection(heading, bullet_items(points[kind]))
                for kind, heading in POINT_HEADINGS.items()
            ),
            _reporting_section(assignment),
            DocumentSection(ORGANISATION, text_blocks(assignment.organisation_text)),
            _funds_section(assignment),
            _timeline_section(assignment),
        ]
        signed = assignment.signed_place or assignment.place
        if assignment.signed_on:
            signed += f" {format_iso_date(assignment.signed_on)}"
        return Document(
            title=_assignment_title(assignment.title),
            kind=ASSIGNMENT_KIND,
            name=_assignment_name(assignment.title),
            sender=assignment.region.name,
            co_senders=[
                name.strip() for name in assignment.co_senders.splitlines() if name.strip()
            ],
            dated=assignment.dated,
            dateline=f"{assignment.place} {format_iso_date(assignment.dated)}",
            overline=assignment.heading,
            preamble=[]
            if assignment.status == AssignmentStatus.ADOPTED
            else [Text("uppdragshandlingen är ännu inte fastställd.", lead="Utkast:")],
            sections=[notes_last(section) for section in sections if section.blocks],
            signed=signed,
            signatories=[
                Signatory(signatory.name, signatory.organisation)
                for signatory in assignment.signatories.all()
            ],
        )


def _in_plan_order(goals) -> list:
    """Goals in the order their plan was written in (the order they were entered), as the seeds
    give them: "Mål 3:2 för vuxna" before "Mål 3:2 för barn och unga". The plan's own listing
    sorts them by number and target group, which puts "barn och unga" first."""
    return sorted(goals, key=lambda goal: goal.pk)


def _goals_section(assignment) -> DocumentSection:
    goals = _in_plan_order(assignment.goals.all())
    blocks = []
    if goals:
        plan = assignment.plan or goals[0].plan
        blocks.append(Text(f"Ur {plan.title}:"))
        indicator_sets = [[i.name for i in goal.indicators.all()] for goal in goals]
        shared = len(goals) > 1 and all(names == indicator_sets[0] for names in indicator_sets)
        for goal, names in zip(goals, indicator_sets, strict=True):
            blocks.append(Text(goal.text, lead=f"{goal.label}:"))
            if names and not shared:
                blocks.append(Text(joined_words(names), lead=_indicator_lead(names, "")))
        # The goals' shared indicators are said once, as the seed does, unless the author's
        # text about the goals already names them all.
        if shared and indicator_sets[0]:
            names = indicator_sets[0]
            if not all(name in assignment.goals_text for name in names):
                whose = " för båda målen" if len(goals) == 2 else " för målen"
                blocks.append(Text(joined_words(names), lead=_indicator_lead(names, whose)))
    blocks += text_blocks(assignment.goals_text)
    return DocumentSection(GOALS, blocks)


def _indicator_lead(names: list[str], whose: str) -> str:
    return f"{'Indikatorer' if len(names) > 1 else 'Indikator'}{whose}:"


def _activity_section(assignment) -> DocumentSection:
    blocks = text_blocks(assignment.activity)
    positions = list(assignment.positions.all())
    if positions:
        total = sum((position.extent for position in positions), ZERO)
        blocks.append(
            Table(
                caption="Tjänster som uppdraget finansierar",
                header=["Tjänst", "Arbetsgivare", "Omfattning"],
                rows=[
                    [
                        f"{position.title} ({position.note})" if position.note else position.title,
                        position.employer.name if position.employer else "–",
                        format_extent(position.extent),
                    ]
                    for position in positions
                ],
                numeric=(2,),
                total=["Summa", "", format_extent(total)] if len(positions) > 1 else None,
            )
        )
    return DocumentSection(ACTIVITY, blocks)


def _reporting_section(assignment) -> DocumentSection:
    blocks = text_blocks(assignment.reporting)
    lines = list(assignment.reporting_lines.all())
    if lines:
        blocks.append(
            Table(
                caption="Avrapporteringsvägar",
                header=["Till", "Hur ofta", "Mot målen"],
                rows=[
                    [
                        line.to_whom,
                        line.how_often,
                        ", ".join(goal.label for goal in _in_plan_order(line.goals.all())) or "–",
                    ]
                    for line in lines
                ],
            )
        )
    return DocumentSection(REPORTING, blocks)


def _funds_section(assignment) -> DocumentSection:
    allocation = assignment.allocation
    blocks = []
    if allocation is not None:
        blocks += _allocation_blocks(allocation)
    blocks += text_blocks(assignment.funds_text)
    return DocumentSection(FUNDS, blocks)


def _allocation_blocks(allocation) -> list:
    """The funds and how they are split (funds.tables.allocation_split, as the assignment's
    page shows it): the pooled part first, named by its purpose, then each recipient, largest
    first as the seed lists them, and the sum. Whole kronor are shown without öre
    (554 579 kr)."""
    funds = allocation.funds
    money = format_whole_kronor if allocation.unit == Unit.KRONA else format_money
    split = allocation_split(allocation, list(allocation.shares.all()), largest_first=True)
    blocks = [
        Text(
            f"Medlen kommer ur {funds.agreement.full_name} ({funds.agreement.name}), inriktningen "
            f"{funds.direction.display_name}: {money(funds.amount)}."
        )
    ]
    # The rate and date actually used, in the seed's words: "(0,580 kr/inv. per 1/11–19)".
    if split.rows and split.basis:
        whole = "Av medlen fördelas" if split.pooled else "Medlen fördelas"
        blocks.append(
            Text(f"{whole} {money(split.amount)} enligt följande ({split.basis.seed_text}).")
        )
    rows = [
        [
            f"{share.recipient.name}\nGemensam del: {allocation.top_slice_purpose}"
            if allocation.top_slice_purpose
            else f"{share.recipient.name}\nGemensam del",
            money(share.amount),
        ]
        for share in split.pooled
    ]
    rows += [[row.recipient.name, money(row.amount)] for row in split.rows]
    blocks.append(
        Table(
            caption="Fördelning av medlen",
            header=["Mottagare", "Belopp"],
            rows=rows,
            numeric=(1,),
            total=["Summa", money(split.total)],
        )
    )
    return blocks


def _timeline_section(assignment) -> DocumentSection:
    # By deadline: the season's name would sort autumn (höst) before spring (vår).
    milestones = sorted(assignment.milestones.all(), key=lambda m: (m.deadline, m.pk))
    if not milestones:
        return DocumentSection(TIMELINE, [])
    return DocumentSection(
        TIMELINE,
        [Items([Text(milestone.text, lead=f"{milestone.when}:") for milestone in milestones])],
    )


# The record --------------------------------------------------------------------------------------
def assignments_with_parts():
    """Assignments with every part their document shows, in a fixed number of queries."""
    goals = Goal.objects.select_related("plan").prefetch_related("indicators")
    return Assignment.objects.select_related(
        "region",
        "plan",
        "allocation__funds__agreement",
        "allocation__funds__direction",
    ).prefetch_related(
        Prefetch("goals", queryset=goals),
        "positions__employer",
        "points",
        Prefetch(
            "reporting_lines",
            queryset=ReportingLine.objects.prefetch_related(
                Prefetch("goals", queryset=Goal.objects.all())
            ),
        ),
        "milestones",
        "signatories",
        Prefetch("allocation__shares", queryset=Share.objects.select_related("recipient")),
    )


def allocation_state(allocation) -> dict | None:
    """What an allocation gives, as data: its key and figures and each share, to tell later
    whether the funds have been allocated anew (the row stays; its shares are replaced)."""
    if allocation is None:
        return None
    shares = Share.objects.filter(allocation_id=allocation.pk).values_list(
        "recipient_id", "amount", "pooled"
    )
    return {
        "key": allocation.key,
        "unit": allocation.unit,
        "reference_date": allocation.reference_date and allocation.reference_date.isoformat(),
        "rate": None if allocation.rate is None else str(allocation.rate),
        "flat_amount": None if allocation.flat_amount is None else str(allocation.flat_amount),
        "top_slice": str(allocation.top_slice),
        "top_slice_purpose": allocation.top_slice_purpose,
        "shares": sorted([recipient, str(amount), pooled] for recipient, amount, pooled in shares),
    }


def adopted_record(assignment) -> dict:
    """The fields that keep `assignment` (adopted, saved) as it was adopted."""
    full = assignments_with_parts().get(pk=assignment.pk)
    allocation = full.allocation
    if allocation is not None:
        # From the database, as a later comparison reads it (a rate of 0.58 is 0.5800).
        allocation.refresh_from_db()
    return {
        "adopted_content": to_data(assignment_document(full)),
        "adopted_allocation": allocation_state(allocation),
    }


def document_of_assignment(assignment) -> Document:
    """The assignment's document: as adopted if it is, else built from its current parts
    (`assignment` fetched by assignments_with_parts)."""
    if assignment.adopted_content:
        return from_data(assignment.adopted_content)
    return assignment_document(assignment)


def allocated_anew(assignment) -> bool:
    """Whether the funds of an adopted assignment were allocated anew after it was adopted:
    its document keeps the split as adopted, and the page says a newer one exists."""
    if not assignment.adopted_content or assignment.allocation_id is None:
        return False
    allocation = assignment.allocation
    return allocation_state(allocation) != assignment.adopted_allocation


def keep_missing_records(**kwargs) -> None:
    """Give assignments adopted before records were kept their record, from the data as it
    stands. Run after every `migrate` (post_migrate, see apps.py), not as a data migration: it
    builds the documents with the product's current code, which needs every table as the current
    models have it. With nothing to fill (a new database, every later run) it costs one query.
    It fills every region's, outside any request's region scope (pusselbit.core.scoping)."""
    with scopes_disabled():
        for assignment in assignments_with_parts().filter(
            status=AssignmentStatus.ADOPTED, adopted_content__isnull=True
        ):
            Assignment.objects.filter(pk=assignment.pk).update(**adopted_record(assignment))
