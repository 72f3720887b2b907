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


def save_changes(locked, fields: dict, action: str, *, actor, check=None):
    """Set `fields` on `locked` (a row the caller holds locked), validate it (`check(locked)`,
    then the model's full_clean), save what changed and record `action` with the old and new
    value of each changed field; nothing is saved or recorded when nothing changed."""
    before = {name: getattr(locked, name) for name in fields}
    for name, value in fields.items():
        setattr(locked, name, value)
    if check is not None:
        check(locked)
    locked.full_clean()
    changed = {
        name: [before[name], value] for name, value in fields.items() if before[name] != value
    }
    if changed:
        locked.save(update_fields=list(changed))
        record(action, locked, actor=actor, changed=changed)
    return locked
