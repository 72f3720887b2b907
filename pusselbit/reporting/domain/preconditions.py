"""Mending a precondition for next year's funds after it was added (reporting.requirements
adds them; reporting.preconditions records who meets them)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require

from ..models import Precondition


@transaction.atomic
def change_precondition(actor, precondition, *, text: str, order: int) -> Precondition:
    """Reword a precondition or move it in the list (its agreement and region stay).
    Side effects: the audit entry reporting.precondition_changed with the old and new text."""
    require(actor, "reporting.manage_reporting", precondition.region)
    locked = Precondition.objects.select_for_update().get(pk=precondition.pk)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write the precondition.")})
    if len(text) > 300:
        raise ValidationError({"text": _("Keep the precondition to 300 characters.")})
    others = Precondition.objects.filter(
        region=locked.region_id, agreement=locked.agreement_id
    ).exclude(pk=locked.pk)
    if any(p.text.casefold() == text.casefold() for p in others):
        raise ValidationError({"text": _("This agreement already has that precondition.")})
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
