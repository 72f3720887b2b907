"""The agreements (ÖK) themselves: platform reference data that the platform operator keeps."""

from django.core.exceptions import ValidationError
from django.db import transaction

from pusselbit.core import audit
from pusselbit.core.deletion import dependants, refusal
from pusselbit.core.permissions import require

from ..models import Agreement

AGREEMENT_FIELDS = ["name", "full_name", "year", "use_by"]


def _audit_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@transaction.atomic
def update_agreement(agreement: Agreement, *, actor, **fields) -> Agreement:
    """Side effects: the audit entry agreement.changed with the old and new value of what
    changed."""
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agreement fields: {', '.join(sorted(unknown))}")
    require(actor, "accounts.operate_platform", agreement)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    before = {name: getattr(locked, name) for name in fields}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    changed = {
        name: [_audit_value(before[name]), _audit_value(value)]
        for name, value in fields.items()
        if before[name] != value
    }
    if changed:
        locked.save(update_fields=list(changed))
        audit.record("agreement.changed", locked, actor=actor, changed=changed)
    return locked


@transaction.atomic
def remove_agreement(agreement: Agreement, *, actor) -> None:
    """Remove an agreement entered by mistake, only while nothing refers to it. Side effects:
    the audit entry agreement.removed."""
    require(actor, "accounts.operate_platform", agreement)
    rows = dependants(agreement)
    if rows:
        raise ValidationError(refusal(agreement, rows), code="in_use")
    audit.record(
        "agreement.removed", None, actor=actor, agreement=agreement.pk, name=agreement.name
    )
    agreement.delete()
