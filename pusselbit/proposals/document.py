"""The use-of-funds proposal as a document, laid out as the Dalarna seed ("Förslag på användning
av medel … ÖK 2020"): 1. the amounts (the county-joint table and the per-municipality table with
rounded totals, from funds.tables, and the requisitions), 2. the reporting requirements and
preconditions (from reporting), 3. the agreement's directions with their descriptions, and
4. the proposed use per direction. Both renderers of the documents app lay it out (the PDF
through the shared layout documents/assignment.html, the Word file through documents.word).

An adopted proposal is rendered from the content stored when it was adopted (`document_of`), so
a later reallocation or a changed requirement never changes what the body adopted.

Like every document, it is Swedish by definition: its fixed texts are Swedish here, not message
ids (see documents/context.py)."""

from django.utils import translation

from pusselbit.core.formatting import (
    format_iso_date,
    format_long_date,
    format_money,
    format_whole_kronor,
)
from pusselbit.documents.context import Document, DocumentSection, Items, Table, Text, text_blocks
from pusselbit.documents.snapshot import from_data
from pusselbit.funds.models import Requisition
from pusselbit.funds.tables import agreement_tables
from pusselbit.reporting.models import Precondition, Requirement

from .enums import ProposalStatus
from .models import Proposal

TEMPLATE = "documents/assignment.html"

KIND = "Förslag på användning av medel"
AMOUNTS = "1. Belopp"
COUNTY_JOINT_FUNDS = "Länsgemensamma medel"
MUNICIPAL_FUNDS = "Medel till kommunerna"
REPORTING = "2. Krav på redovisning"
DIRECTIONS = "3. Inriktning enligt {agreement}"
DIRECTION_GROUPS = {"county_joint": "Läns gemensamma insatser", "municipal": "Till kommunerna"}
USE = "4. Förslag på användning av medlen"
USE_GROUPS = {"county_joint": "Länsgemensamma insatser", "municipal": "Kommunernas medel"}
OTHER = "Övrigt"
ROUNDED = "Avrundat belopp"


def document_of(proposal: Proposal) -> Document:
    """What the proposal's PDF and Word say: as adopted, once it is adopted."""
    if proposal.status == ProposalStatus.ADOPTED and proposal.adopted_document:
        return from_data(proposal.adopted_document)
    return proposal_document(proposal)


def proposal_document(proposal: Proposal) -> Document:
    """The proposal built from today's data: the draft's content, and at adoption the content
    that is then kept."""
    with translation.override("sv"):
        region, agreement = proposal.region, proposal.agreement
        tables = agreement_tables(agreement, region)
        directions = list(proposal.directions.select_related("direction"))
        sections = [
            DocumentSection(AMOUNTS, _amount_blocks(proposal, tables)),
            DocumentSection(REPORTING, _reporting_blocks(proposal)),
            *_direction_sections(proposal, directions),
            *_use_sections(proposal, directions, tables),
        ]
        signed = ""
        if proposal.status == ProposalStatus.ADOPTED:
            signed = (
                f"Fastställt av {proposal.adopted_by} den {format_long_date(proposal.adopted_on)}."
            )
        dated = format_iso_date(proposal.dated)
        return Document(
            title=f"{KIND} – {agreement.name} – {region.name}",
            kind=KIND,
            name=proposal.name,
            sender=region.name,
            dated=proposal.dated,
            dateline=f"{proposal.place} {dated}" if proposal.place else dated,
            preamble=[]
            if proposal.status == ProposalStatus.ADOPTED
            else [Text("förslaget är ännu inte fastställt.", lead="Utkast:")],
            sections=sections,
            signed=signed,
        )


# 1. The amounts ----------------------------------------------------------------------------
def _amount_blocks(proposal, tables) -> list:
    blocks = []
    county_joint = tables.county_joint
    if county_joint is not None:
        # One row per direction, where the seed has one row of directions: five amounts side
        # by side do not fit an A4 page.
        blocks.append(
            Table(
                caption=f"{COUNTY_JOINT_FUNDS} till {county_joint.label}",
                header=["Inriktning", "Belopp"],
                rows=[
                    [column.direction.display_name, format_money(column.funds.amount)]
                    for column in county_joint.columns
                ],
                numeric=(1,),
                total=[f"Summa, {ROUNDED.lower()}", format_whole_kronor(county_joint.rounded)],
            )
        )
    municipal = tables.municipal
    if municipal is not None:
        blocks.append(
            Table(
                caption=MUNICIPAL_FUNDS,
                header=[
                    "Mottagare",
                    *(column.direction.display_name for column in municipal.columns),
                    ROUNDED,
                ],
                rows=[
                    [
                        _row_label(row),
                        *(_money_or_dash(amount) for amount in row.amounts),
                        "–" if row.rounded is None else format_whole_kronor(row.rounded),
                    ]
                    for row in municipal.rows
                ],
                numeric=tuple(range(1, len(municipal.columns) + 2)),
                total=[
                    "Summa",
                    *(format_money(amount) for amount in municipal.sums),
                    format_whole_kronor(municipal.rounded),
                ],
            )
        )
    for column in tables.unallocated:
        blocks.append(
            Text(
                f"{column.direction.display_name}: {format_money(column.unallocated)} är ännu "
                "inte fördelade på mottagare."
            )
        )
    blocks += _requisition_blocks(proposal)
    blocks += text_blocks(proposal.amounts_text)
    if not blocks:
        blocks.append(Text("Inga medel är registrerade för överenskommelsen."))
    return blocks


def _row_label(row) -> str:
    if not row.pooled:
        return row.recipient.name
    if row.purpose:
        return f"{row.recipient.name}, gemensam del: {row.purpose}"
    return f"{row.recipient.name}, gemensam del"


def _money_or_dash(amount) -> str:
    return "–" if amount is None else format_money(amount)


def _requisition_blocks(proposal) -> list:
    """What the region recorded about who requisitioned the funds: the note a requisition
    carries, else who requisitioned how much from whom, and when."""
    requisitions = Requisition.objects.filter(
        agreement=proposal.agreement, region=proposal.region
    ).select_related("requisitioned_by")
    blocks = []
    for requisition in sorted(requisitions, key=lambda r: (r.requisitioned_on, r.pk)):
        if requisition.note.strip():
            blocks += text_blocks(requisition.note)
        else:
            blocks.append(
                Text(
                    f"{requisition.requisitioned_by.name} har rekvirerat "
                    f"{format_money(requisition.amount)} från {requisition.requisitioned_from} "
                    f"den {format_long_date(requisition.requisitioned_on)}."
                )
            )
    return blocks


# 2. The reporting requirements -------------------------------------------------------------
def _reporting_blocks(proposal) -> list:
    agreement = proposal.agreement
    blocks = text_blocks(proposal.reporting_text)
    requirements = Requirement.objects.filter(
        agreement=agreement, region=proposal.region
    ).select_related("question_set")
    items = []
    for requirement in requirements:
        question_set = requirement.question_set
        text = (
            f"senast den {format_long_date(requirement.deadline)}, utifrån frågeunderlaget "
            f"”{question_set.name}” ({question_set.issuer})."
        )
        if requirement.precondition_for_next_year:
            text += f" Redovisningen är en förutsättning för medel {agreement.year + 1}."
        items.append(Text(text, lead=str(requirement.get_kind_display())))
    if items:
        blocks.append(Items(items))
    preconditions = Precondition.objects.filter(agreement=agreement, region=proposal.region)
    texts = [precondition.text for precondition in preconditions]
    if texts:
        blocks.append(Text(f"Förutsättningar för att få ta del av medel {agreement.year + 1}:"))
        blocks.append(Items([Text(text) for text in texts]))
    if not blocks:
        blocks.append(Text("Inga krav på redovisning är registrerade för överenskommelsen."))
    return blocks


# 3. The directions, and 4. the proposed use ------------------------------------------------
def _groups(directions) -> list[tuple[str, list]]:
    groups = []
    for scope in DIRECTION_GROUPS:
        members = [direction for direction in directions if direction.scope == scope]
        if members:
            groups.append((scope, members))
    return groups


def _direction_sections(proposal, directions) -> list[DocumentSection]:
    sections = [DocumentSection(DIRECTIONS.format(agreement=proposal.agreement.name), [])]
    for group, (scope, members) in enumerate(_groups(directions), start=1):
        sections.append(DocumentSection(f"3.{group} {DIRECTION_GROUPS[scope]}", []))
        for number, direction in enumerate(members, start=1):
            sections.append(
                DocumentSection(
                    f"3.{group}.{number} {direction.title}", text_blocks(direction.description)
                )
            )
    return sections


def _use_sections(proposal, directions, tables) -> list[DocumentSection]:
    top_slices = {split.direction.pk: split for split in tables.splits if split.pooled}
    sections = [DocumentSection(USE, [])]
    number = 0
    for scope, members in _groups(directions):
        sections.append(DocumentSection(USE_GROUPS[scope], []))
        for direction in members:
            number += 1
            blocks = text_blocks(direction.proposed_use)
            split = top_slices.get(direction.direction_id)
            if split is not None:
                blocks.append(_top_slice_text(split))
            sections.append(DocumentSection(f"4.{number} {direction.title}", blocks))
    if proposal.other_text.strip():
        number += 1
        heading = proposal.other_heading.strip() or OTHER
        sections.append(DocumentSection(f"4.{number} {heading}", text_blocks(proposal.other_text)))
    return sections


def _top_slice_text(split) -> Text:
    """What the allocation pools first for a joint function, and what it splits."""
    money = format_whole_kronor if split.whole_kronor else format_money
    purpose = split.allocation.top_slice_purpose
    who = ", ".join(share.recipient.name for share in split.pooled)
    pooled = f"{money(split.pooled_amount)} till {who}"
    if purpose:
        pooled += f" för {purpose}"
    return Text(
        f"Av medlen avsätts först {pooled} (gemensam del); resterande {money(split.amount)} "
        f"fördelas på {len(split.rows)} mottagare.",
        lead="Fördelning:",
    )
