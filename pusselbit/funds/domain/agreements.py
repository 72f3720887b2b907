"""The agreements (ÖK) themselves: platform reference data that the platform operator keeps."""

from django.db import transaction

from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require

from ..models import Agreement

AGREEMENT_FIELDS = ["name", "full_name", "year", "use_by"]


@transaction.atomic
def update_agreement(agreement: Agreement, *, actor, **fields) -> Agreement:
    """Side effects: the audit entry agreement.changed with the old and new value of what
    changed."""
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agreement fields: {', '.join(sorted(unknown))}")
    require(actor, "accounts.operate_platform", agreement)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    return audit.save_changes(locked, fields, "agreement.changed", actor=actor)


@transaction.atomic
def remove_agreement(agreement: Agreement, *, actor) -> None:
    """Remove an agreement entered by mistake, only while nothing refers to it. Side effects:
    the audit entry agreement.removed."""
    require(actor, "accounts.operate_platform", agreement)
    ensure_removable(agreement)
    audit.record(
        "agreement.removed", None, actor=actor, agreement=agreement.pk, name=agreement.name
    )
    agreement.delete()
