from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(action: str, target=None, *, actor=None, **data) -> AuditEntry:
    """Write one audit entry. Called by domain functions inside their transaction."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )
