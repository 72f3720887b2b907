"""Registered documents are records: an adopted assignment document and a registered decision
are kept, as they were when registered, as data (snapshot) and their PDF, Word file and page are
made from that record, never rebuilt from data that may have changed since (a redone
allocation, a renamed organisation or agreement, an edited action-plan goal).

The record is taken in the same transaction as the registration (assignments.domain.
adopt_assignment, initiatives.domain.decisions). A document registered before records were
kept gets its record from the data as it stands at the first `migrate` after (keep_missing_records).
"""

from django.db.models import Prefetch

from pusselbit.assignments.models import Assignment, ReportingLine, Status
from pusselbit.core.scoping import scopes_disabled
from pusselbit.funds.models import Commitment, Share
from pusselbit.initiatives.models import Decision, DecisionDocument
from pusselbit.plans.models import Goal

from .context import (
    Document,
    assignment_document,
    decision_document,
    recommendation_for,
)
from .snapshot import from_data, to_data


# The assignment document -------------------------------------------------------------------
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


# The decision document ---------------------------------------------------------------------
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
    """Give documents registered before records were kept their record, from the data as it
    stands. Run after every `migrate` (post_migrate), not as a data migration: it builds the
    documents with the product's current code, which needs every table as the current models
    have it. With nothing to fill (a new database, every later run) it costs two queries.

    It fills every region's documents, outside any request's region scope
    (pusselbit.core.scoping)."""
    with scopes_disabled():
        _keep_missing_records()


def _keep_missing_records() -> None:
    for assignment in assignments_with_parts().filter(
        status=Status.ADOPTED, adopted_content__isnull=True
    ):
        Assignment.objects.filter(pk=assignment.pk).update(**adopted_record(assignment))
    for decision in Decision.objects.filter(document_record__isnull=True):
        keep_decision_document(decision)
