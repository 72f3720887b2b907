"""What the documents say: one function per document builds its content, and both renderers
lay out that same content (pdf.py through the templates, word.py through python-docx), so the
PDF and the Word file of a document say the same.

The documents are Swedish by definition: they are what a Swedish region sends, whatever
language the person downloading them reads Pusselbit in. Their fixed texts (headings, labels,
phrases) are therefore written here in Swedish, not as gettext message ids, and everything else
is built under translation.override("sv"): choice labels, Babel's money and dates.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils import translation
from django.utils.text import slugify

from pusselbit.assignments.enums import AssignmentStatus, PointKind
from pusselbit.core.formatting import (
    format_iso_date,
    format_long_date,
    format_money,
    format_whole_kronor,
)
from pusselbit.funds.enums import Unit
from pusselbit.funds.tables import allocation_split
from pusselbit.initiatives.enums import RecommendationOutcome

ZERO = Decimal("0")
FILENAME_LENGTH = 80

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

# The headings of a decision document.
DECISION = "Beslutet"
COMMITTED = "Medel som beslutet tar i anspråk"
FOLLOW_UP = "Uppföljning"
RATIONALE = "Motivering"
RECOMMENDATION = "Underlag"

# How a decision document says what LSVO recommended.
RECOMMENDED = {
    RecommendationOutcome.RECOMMEND: "tillstyrkte",
    RecommendationOutcome.DO_NOT_RECOMMEND: "avstyrkte",
    RecommendationOutcome.SEND_BACK: "återremitterade ärendet",
}


@dataclass
class Text:
    """A paragraph; `lead` is set in bold before the text. A line break in the text stays one.
    A `note` is a footnote's text ("¹ Handlingsplan för psykisk hälsa 2018–2020"), set small
    after the section it belongs to."""

    text: str
    lead: str = ""
    note: bool = False
    kind = "text"

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass
class Items:
    items: list[Text]
    ordered: bool = False
    kind = "items"


@dataclass
class Table:
    """A table with a header row; the first cell of each row heads the row. `numeric` columns
    are right-aligned; `total` is the sum row, kept apart from the rows. A line break in a cell
    stays one. A `landscape` table is too wide for a portrait page: its section is printed on
    landscape pages (a named page in the PDF, a landscape section in Word)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    total: list[str] | None = None
    landscape: bool = False
    kind = "table"


@dataclass
class DocumentSection:
    heading: str
    blocks: list

    @property
    def landscape(self) -> bool:
        return any(getattr(block, "landscape", False) for block in self.blocks)


@dataclass
class Signatory:
    name: str
    organisation: str


@dataclass
class Document:
    title: str  # the PDF's and the Word file's title, and the file name
    kind: str  # "Uppdragshandling", "Beslut": the first line of the main heading
    name: str  # what the document is about: the second line of the main heading
    sender: str  # the region that sends it
    dated: datetime.date
    co_senders: list[str] = field(default_factory=list)  # who send it with the region: VästKom
    dateline: str = ""  # "Göteborg 2020-05-06"
    facts: list[tuple[str, str]] = field(default_factory=list)  # ("Diarienummer", "KS 2021/391")
    overline: str = ""  # a line above the main heading
    preamble: list = field(default_factory=list)  # notices right below the main heading
    sections: list[DocumentSection] = field(default_factory=list)
    signed: str = ""  # the signing place and date
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return filename_for(self.title)

    @property
    def senders(self) -> list[str]:
        """The region and those who send the document with it, as the letterhead names them."""
        return [self.sender, *(name for name in self.co_senders if name != self.sender)]


def filename_for(title: str) -> str:
    """`uppdragshandling-statsbidrag-for-att-starka-brukarsamverkan`, cut at a word."""
    slug = slugify(title.replace("/", "-"))  # "KS 2021/391" → ks-2021-391
    if len(slug) > FILENAME_LENGTH:
        slug = slug[:FILENAME_LENGTH].rsplit("-", 1)[0]
    return slug or "dokument"


# Text ----------------------------------------------------------------------------------------
BULLET = re.compile(r"^\s*[-–•*]\s+")
NUMBER = re.compile(r"^\s*\d+[.)]\s+")
# A footnote: a paragraph that begins "[1] " (or "¹ "), called from the text by "[1]" (or "¹").
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
NOTE = re.compile(r"^\s*(?:\[(\d+)\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+")
NOTE_CALL = re.compile(r"\[(\d+)\]")


def text_blocks(text: str) -> list:
    """Free text as paragraphs (blank lines part them) and lists: lines that start with "- "
    or "• " are a list, lines that start with "1. " a numbered list, and a line leading in to
    a list ("… samma fokusområden som regeringens:") stays a paragraph of its own before it.
    A paragraph that begins "[1] " is footnote 1: it comes last, as a note, and "[1]" in the
    text becomes "¹"."""
    blocks, notes = [], []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        note = NOTE.match(lines[0])
        if note:
            number = (note.group(1) or "").translate(SUPERSCRIPT) or note.group(2)
            body = "\n".join([lines[0][note.end() :], *(line.strip() for line in lines[1:])])
            notes.append(Text(f"{number} {body}", note=True))
            continue
        blocks += _paragraph_blocks(lines)
    called = {note.text.split(" ", 1)[0] for note in notes}
    return [_with_calls(block, called) for block in blocks] + notes


def _paragraph_blocks(lines: list[str]) -> list:
    """A paragraph's lines as runs: each run of list lines a list, each run of other lines a
    paragraph."""
    blocks = []
    for marker, run in _runs(lines):
        if marker is None:
            blocks.append(Text("\n".join(line.strip() for line in run)))
        else:
            pattern, ordered = marker
            blocks.append(Items([Text(pattern.sub("", line)) for line in run], ordered))
    return blocks


def _runs(lines: list[str]):
    run, marker = [], None
    for line in lines:
        kind = next(((p, o) for p, o in ((BULLET, False), (NUMBER, True)) if p.match(line)), None)
        if run and kind != marker:
            yield marker, run
            run = []
        run.append(line)
        marker = kind
    if run:
        yield marker, run


def _with_calls(block, called: set[str]):
    """ "[1]" in the text as "¹", where the text has a footnote 1."""

    def call(match) -> str:
        number = match.group(1).translate(SUPERSCRIPT)
        return number if number in called else match.group(0)

    if not called:
        return block
    if isinstance(block, Items):
        return Items([_with_calls(item, called) for item in block.items], block.ordered)
    return dataclasses.replace(block, text=NOTE_CALL.sub(call, block.text))


def _notes_last(section: DocumentSection) -> DocumentSection:
    """A section's footnotes after everything else in it."""
    notes = [block for block in section.blocks if getattr(block, "note", False)]
    rest = [block for block in section.blocks if not getattr(block, "note", False)]
    return DocumentSection(section.heading, rest + notes)


def format_extent(extent: Decimal) -> str:
    """`1,0 tjänst`, `0,5 tjänst`, `2,0 tjänster`."""
    number = format_decimal(extent, format="#,##0.0#", locale="sv_SE")
    return f"{number} {'tjänster' if extent > 1 else 'tjänst'}"


def _items(texts: list[str]) -> list:
    return [Items([Text(text) for text in texts])] if texts else []


def _joined(words: list[str]) -> str:
    """`a, b och c`."""
    return " och ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


# The assignment document -------------------------------------------------------------------
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
                text_blocks(assignment.background) + _items(points[PointKind.QUESTION]),
            ),
            _goals_section(assignment),
            _activity_section(assignment),
            DocumentSection(PURPOSE, text_blocks(assignment.purpose)),
            *(
                DocumentSection(heading, _items(points[kind]))
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
            sections=[_notes_last(section) for section in sections if section.blocks],
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
                blocks.append(Text(_joined(names), lead=_indicator_lead(names, "")))
        # The goals' shared indicators are said once, as the seed does, unless the author's
        # text about the goals already names them all.
        if shared and indicator_sets[0]:
            names = indicator_sets[0]
            if not all(name in assignment.goals_text for name in names):
                whose = " för båda målen" if len(goals) == 2 else " för målen"
                blocks.append(Text(_joined(names), lead=_indicator_lead(names, whose)))
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


# The decision document ---------------------------------------------------------------------
def decision_document(decision, recommendation=None) -> Document:
    """A decision as a document, as it is registered: what was decided, with which budget,
    which funds it commits, how it is followed up and why, and the LSVO recommendation it rests
    on. A correction says which decision it corrects. What happens to a decision later (a
    correction replacing it, funds released from it) is said on its page, never written into
    the registered document."""
    with translation.override("sv"):
        initiative = decision.initiative
        preamble = []
        if decision.replaces_id:
            old = decision.replaces
            preamble.append(
                Text(
                    f"av den {format_long_date(old.decided_on)}. Detta beslut ersätter det "
                    "tidigare beslutet.",
                    lead=f"Rättelse av beslut {old.registration_number}",
                )
            )
        facts = [Text(str(decision.get_outcome_display()), lead="Utfall:")]
        if decision.budget is not None:
            facts.append(Text(format_money(decision.budget), lead="Beslutad budget:"))
        facts.append(Text(format_long_date(decision.decided_on), lead="Beslutsdatum:"))
        if initiative.registration_number:
            facts.append(Text(initiative.registration_number, lead="Satsningens diarienummer:"))
        facts.append(Text(initiative.organisation.name, lead="Ansvarig organisation:"))
        sections = [
            DocumentSection(DECISION, facts),
            DocumentSection(COMMITTED, _commitment_blocks(decision)),
            DocumentSection(FOLLOW_UP, text_blocks(decision.follow_up_plan)),
            DocumentSection(RATIONALE, text_blocks(decision.rationale)),
            DocumentSection(RECOMMENDATION, _recommendation_blocks(recommendation)),
        ]
        recorder = decision.recorded_by
        return Document(
            title=f"Beslut {decision.registration_number} – {initiative.title}",
            kind="Beslut",
            name=initiative.title,
            sender=initiative.region.name,
            dated=decision.decided_on,
            facts=[
                ("Datum", format_iso_date(decision.decided_on)),
                ("Diarienummer", decision.registration_number),
            ],
            preamble=preamble,
            sections=[_notes_last(section) for section in sections if section.blocks],
            signatories=[
                Signatory(recorder.get_full_name() or recorder.username, initiative.region.name)
            ],
        )


def _commitment_blocks(decision) -> list:
    commitments = list(decision.commitments.all())
    if not commitments:
        return [Text("Beslutet tar inga medel ur överenskommelserna i anspråk.")]
    blocks = [
        Table(
            caption="Medel ur överenskommelserna",
            header=["Överenskommelse", "Inriktning", "Mottagare", "År", "Belopp"],
            rows=[
                [
                    commitment.share.allocation.funds.agreement.name,
                    commitment.share.allocation.funds.direction.display_name,
                    commitment.share.recipient.name,
                    str(commitment.year),
                    format_money(commitment.amount),
                ]
                for commitment in commitments
            ],
            numeric=(3, 4),
            total=[
                "Summa",
                "",
                "",
                "",
                format_money(sum((commitment.amount for commitment in commitments), ZERO)),
            ],
        )
    ]
    return blocks


def _recommendation_blocks(recommendation) -> list:
    if recommendation is None:
        return [Text("Ingen rekommendation från LSVO är registrerad före beslutet.")]
    says = RECOMMENDED.get(recommendation.outcome, str(recommendation.get_outcome_display()))
    return [
        Text(f"LSVO {says} vid sitt möte den {format_long_date(recommendation.meeting_date)}."),
        *text_blocks(recommendation.rationale),
    ]


def recommendation_for(decision):
    """The LSVO recommendation the decision rests on: the last one recorded for the initiative
    before the decision (for a correction, before the decision it corrects)."""
    first = decision
    while first.replaces_id:
        first = first.replaces
    return (
        decision.initiative.recommendations.filter(recorded_at__lte=first.recorded_at)
        .order_by("-recorded_at", "-pk")
        .first()
    )
