"""The preconditions for next year's funds under an agreement: added, reworded, removed
(reporting.preconditions records who meets them)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require

from ..models import Precondition


def _text(text: str, siblings) -> str:
    """The precondition's text, on one line of at most 300 characters, and not one the
    agreement has already (`siblings`: its other preconditions, locked by the caller)."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write the precondition.")})
    if len(text) > 300:
        raise ValidationError({"text": _("Keep the precondition to 300 characters.")})
    if any(p.text.casefold() == text.casefold() for p in siblings):
        raise ValidationError({"text": _("This agreement already has that precondition.")})
    return text


def _siblings(region, agreement):
    # Locked, so two additions of the same text at once cannot both pass the check.
    return list(Precondition.objects.select_for_update().filter(region=region, agreement=agreement))


@transaction.atomic
def add_precondition(actor, region, agreement, text, requirement=None) -> Precondition:
    """A new precondition for next year's funds under `agreement`, last in the list. With a
    `requirement` (a report of the same agreement and region, e.g. the partial report), the
    precondition is met by submitting that report, not checked by hand.
    Side effects: the audit entry reporting.precondition_added."""
    require(actor, "reporting.manage_reporting", region)
    if requirement is not None and (
        requirement.region_id != region.pk or requirement.agreement_id != agreement.pk
    ):
        raise ValidationError(
            {"requirement": _("Choose a report of this agreement in the region.")}
        )
    existing = _siblings(region, agreement)
    text = _text(text, existing)
    order = max((p.order for p in existing), default=-1) + 1
    precondition = Precondition.objects.create(
        region=region, agreement=agreement, text=text, order=order, requirement=requirement
    )
    audit.record(
        "reporting.precondition_added",
        precondition,
        actor=actor,
        agreement=agreement.pk,
        text=text,
        requirement=requirement.pk if requirement is not None else None,
    )
    return precondition


@transaction.atomic
def change_precondition(actor, precondition, *, text: str, order: int) -> Precondition:
    """Reword a precondition or move it in the list (its agreement and region stay).
    Side effects: the audit entry reporting.precondition_changed with the old and new text."""
    require(actor, "reporting.manage_reporting", precondition.region)
    siblings = _siblings(precondition.region_id, precondition.agreement_id)
    locked = next(p for p in siblings if p.pk == precondition.pk)
    text = _text(text, [p for p in siblings if p.pk != locked.pk])
    before = {"text": locked.text, "order": locked.order}
    locked.text, locked.order = text, order
    locked.save(update_fields=["text", "order"])
    audit.record(
        "reporting.precondition_changed",
        locked,
        actor=actor,
        before=before,
        after={"text": text, "order": order},
    )
    return locked


@transaction.atomic
def remove_precondition(actor, precondition) -> None:
    """Remove a precondition added by mistake — only while no recipient has been checked
    against it, as the checks are what next year's funds rest on. Side effects: the audit
    entry reporting.precondition_removed."""
    require(actor, "reporting.manage_reporting", precondition.region)
    ensure_removable(precondition)
    audit.record(
        "reporting.precondition_removed",
        precondition.region,
        actor=actor,
        precondition=precondition.pk,
        agreement=precondition.agreement_id,
        text=precondition.text,
    )
    precondition.delete()
