"""The decision document (beslut): what it says, built from a registered decision, and its
record. A registered decision keeps its document as data (documents.snapshot), taken in the same
transaction as the registration (domain.decisions), and its PDF and Word file are made from that
record, never rebuilt from data that may have changed since (released funds, a renamed
organisation).

The document is Swedish by definition (see documents.context): its fixed texts are Swedish here.
"""

from django.db.models import Prefetch
from django.utils import translation

from pusselbit.core.formatting import format_iso_date, format_long_date, format_money
from pusselbit.core.scoping import scopes_disabled
from pusselbit.documents.context import (
    ZERO,
    Document,
    DocumentSection,
    Signatory,
    Table,
    Text,
    notes_last,
    text_blocks,
)
from pusselbit.documents.snapshot import from_data, to_data
from pusselbit.funds.models import Commitment

from .enums import RecommendationOutcome
from .models import Decision, DecisionDocument

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
        if decision.extent:
            facts.append(Text(str(decision.get_extent_display()), lead="Beslutet avser:"))
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
            sections=[notes_last(section) for section in sections if section.blocks],
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


# The record --------------------------------------------------------------------------------------
def decisions_with_parts():
    commitments = Commitment.objects.select_related(
        "share__recipient",
        "share__allocation__funds__agreement",
        "share__allocation__funds__direction",
        "released_by",
    )
    return Decision.objects.select_related(
        "initiative__region",
        "initiative__organisation",
        "replaces",
        "replaced_by",
        "recorded_by",
        "document_record",
    ).prefetch_related(Prefetch("commitments", queryset=commitments))


def registered_content(decision) -> dict:
    """The decision's document as it is registered, as data."""
    full = decisions_with_parts().get(pk=decision.pk)
    return to_data(decision_document(full, recommendation_for(full)))


def keep_decision_document(decision) -> DecisionDocument:
    """Record the document of `decision`, just registered with its commitments."""
    return DecisionDocument.objects.create(decision=decision, content=registered_content(decision))


def document_of_decision(decision) -> Document:
    """The decision's document as registered (`decision` fetched by decisions_with_parts); what
    happened to it since (a correction, released funds) is said on its page, not in the file."""
    record = getattr(decision, "document_record", None)
    if record is None:
        return decision_document(decision, recommendation_for(decision))
    return from_data(record.content)


def keep_missing_records(**kwargs) -> None:
    """Give decisions registered before records were kept their record, from the data as it
    stands (after every `migrate`, see apps.py; one query when there is nothing to fill). It
    fills every region's, outside any request's region scope (pusselbit.core.scoping)."""
    with scopes_disabled():
        for decision in Decision.objects.filter(document_record__isnull=True):
            keep_decision_document(decision)
