"""The writes of publishing: withholding a record from the public and lifting it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require

from .models import Withholding


def _reason(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("State the reason: the secrecy provision it rests on.")})
    return text


@transaction.atomic
def withhold_initiative(initiative, *, actor, reason: str) -> Withholding:
    """Withhold `initiative` from the public pages. Side effects: the withholding row, an audit
    entry; the public pages show a notice with the reason instead of the record. A record
    withheld already is refused (a ValidationError), not withheld twice."""
    require(actor, "public.withhold_records", initiative.region)
    reason = _reason(reason, "reason")
    if Withholding.objects.filter(initiative=initiative).in_force().exists():
        raise ValidationError(_("The record is withheld already."))
    try:
        with transaction.atomic():
            withholding = Withholding.objects.create(
                region=initiative.region, initiative=initiative, reason=reason, withheld_by=actor
            )
    except IntegrityError as error:  # a second tab withheld it in between
        raise ValidationError(_("The record is withheld already.")) from error
    audit.record("public.record_withheld", initiative, actor=actor, reason=reason)
    return withholding


@transaction.atomic
def lift_withholding(withholding: Withholding, *, actor, reason: str) -> Withholding:
    """Lift a withholding in force: the row keeps who withheld it and why, and now also who
    lifted it, when and why. Side effects: an audit entry; the record is public again (if it is
    decided). A withholding lifted already is refused."""
    require(actor, "public.withhold_records", withholding.region)
    reason = _reason(reason, "lift_reason")
    locked = Withholding.objects.select_for_update().get(pk=withholding.pk)
    if not locked.in_force:
        raise ValidationError(_("The withholding has been lifted already."))
    locked.lifted_by = actor
    locked.lifted_at = timezone.now()
    locked.lift_reason = reason
    locked.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    audit.record(
        "public.withholding_lifted",
        locked.initiative,
        actor=actor,
        reason=reason,
        withheld_because=locked.reason,
    )
    return locked
