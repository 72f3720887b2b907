"""Every write to a use-of-funds proposal goes through these functions. A proposal is written as
a draft, pre-filled with the agreement's directions the region has funds for; once the region's
body has adopted it, its content is a record: kept as adopted, never changed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.permissions import require
from pusselbit.documents.snapshot import to_data
from pusselbit.funds.models import RegionFunds

from .document import proposal_document
from .enums import ProposalStatus
from .models import Proposal, ProposalDirection

CONTENT_FIELDS = [
    "name",
    "place",
    "dated",
    "amounts_text",
    "reporting_text",
    "other_heading",
    "other_text",
]
DIRECTION_FIELDS = ["title", "description", "proposed_use"]


def _locked_message() -> str:
    return _("An adopted use-of-funds proposal is a record and is not changed.")


def create_proposal(region, agreement, *, actor) -> Proposal:
    """The region's proposal for the agreement year: the one there is, or a new draft with one
    part per direction the agreement brings the region funds for. Sending the form twice makes
    one proposal."""
    require(actor, "proposals.manage_proposals", region)
    existing = Proposal.objects.filter(region=region, agreement=agreement).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                region=region,
                agreement=agreement,
                name=f"enligt {agreement.full_name}",
                dated=timezone.localdate(),
                other_heading="Övrigt",
                created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            funds = (
                RegionFunds.objects.filter(region=region, agreement=agreement)
                .select_related("direction")
                .order_by("direction__order", "direction__code")
            )
            ProposalDirection.objects.bulk_create(
                ProposalDirection(
                    proposal=proposal,
                    direction=row.direction,
                    scope=row.direction.scope,
                    title=row.direction.name,
                    order=order,
                )
                for order, row in enumerate(funds)
            )
            audit.record("proposal.created", proposal, actor=actor, agreement=agreement.name)
    except IntegrityError:  # the same proposal, made at this moment by another sending
        return Proposal.objects.get(region=region, agreement=agreement)
    return proposal


def _editable(proposal, opened_at: str = "") -> Proposal:
    """The proposal locked for a change; refused once adopted, or if it was saved after
    `opened_at` (when the page sending the change was opened: a second tab, a colleague):
    ConcurrentEdit, core's one exception for a save over a later one. The row lock and the time
    of the last save are the check (a proposal has no version column; its text is saved whole)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status == ProposalStatus.ADOPTED:
        raise ValidationError(_locked_message())
    if opened_at and locked.updated_at.isoformat() != opened_at:
        raise ConcurrentEdit(
            _(
                "Someone saved the proposal after you opened this page; your text was not "
                "saved. Copy it, open the page again and add it there."
            )
        )
    return locked


@transaction.atomic
def update_proposal(proposal, *, actor, opened_at: str = "", **values) -> Proposal:
    require(actor, "proposals.manage_proposals", proposal.region)
    locked = _editable(proposal, opened_at)
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Not a proposal's text: {sorted(unknown)}")
    if "name" in values and not values["name"].strip():
        raise ValidationError({"name": _("Say what the proposal is about.")})
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, values[name])
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        audit.record("proposal.updated", locked, actor=actor, fields=changed)
    return locked


@transaction.atomic
def update_proposal_direction(part, *, actor, opened_at: str = "", **values) -> ProposalDirection:
    """A direction's heading, what the agreement says about it, and the proposed use."""
    proposal = part.proposal
    require(actor, "proposals.manage_proposals", proposal.region)
    locked = _editable(proposal, opened_at)
    unknown = set(values) - set(DIRECTION_FIELDS)
    if unknown:
        raise TypeError(f"Not a direction's text: {sorted(unknown)}")
    if "title" in values and not values["title"].strip():
        raise ValidationError({"title": _("A direction needs a heading.")})
    part = ProposalDirection.objects.get(pk=part.pk, proposal=locked)
    changed = [name for name, value in values.items() if getattr(part, name) != value]
    for name in changed:
        setattr(part, name, values[name])
    if changed:
        part.save(update_fields=changed)
        locked.save(update_fields=["updated_at"])
        audit.record(
            "proposal.direction_updated", locked, actor=actor, direction=part.title, fields=changed
        )
    return part


@transaction.atomic
def adopt_proposal(proposal, *, actor, adopted_by: str, adopted_on: datetime.date) -> Proposal:
    """Record that `adopted_by` (the region's body, e.g. Chefsnätverket) adopted the proposal on
    `adopted_on`, and keep the document's content as it reads now: from then on its PDF and Word
    are rendered from that record, whatever happens to the allocations or requirements."""
    require(actor, "proposals.adopt_proposals", proposal.region)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status == ProposalStatus.ADOPTED:
        raise ValidationError(_("The proposal is already adopted."))
    if not adopted_by.strip():
        raise ValidationError({"adopted_by": _("Name the body that adopted it.")})
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("A proposal cannot be adopted on a future date.")})
    locked.status, locked.adopted_by, locked.adopted_on = (
        ProposalStatus.ADOPTED,
        adopted_by,
        adopted_on,
    )
    locked.adopted_document = to_data(proposal_document(locked))
    locked.save(
        update_fields=["status", "adopted_by", "adopted_on", "adopted_document", "updated_at"]
    )
    audit.record(
        "proposal.adopted", locked, actor=actor, adopted_by=adopted_by, adopted_on=adopted_on
    )
    return locked
