"""Every write to attachments: attaching a file and removing one (which keeps it, marked)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require

from . import registry
from .files import check_upload
from .models import Attachment


@transaction.atomic
def upload_attachment(record, upload, *, kind, actor, submission=None) -> Attachment:
    """Attach `upload` (an UploadedFile) to `record` as a file of `kind`; once per
    `submission` (core.submissions). The file is checked (files.check_upload: size, type by
    name and content, name) before anything is kept. Side effects: the file in the
    attachments storage, the row, and an audit entry on the record (its history shows it).
    Raises ValidationError naming the field ("file", "kind") that is refused."""
    require(actor, "attachments.add_attachment", record)
    target = registry.of(record)
    once = submissions.claim(submission, actor=actor)
    if kind not in target.kinds:
        raise ValidationError({"kind": _("Files of this kind are not attached here.")})
    try:
        checked = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    attachment = Attachment(
        region=target.region_of(record),
        target_type=ContentType.objects.get_for_model(record),
        target_id=record.pk,
        kind=kind,
        original_name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # Through the field, so the storage's own naming applies; the stored name is random.
    attachment.file.save(f"upload{checked.extension}", upload, save=False)
    try:
        attachment.save()
        once.made(attachment)
        _record("attachment.added", record, attachment, actor=actor)
    except BaseException:
        # Nothing of this sending is kept: neither the row (the transaction) nor the file.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, actor) -> Attachment:
    """Mark the file removed: it is no longer downloadable, and stays listed (as removed) to
    whoever looks after the record's files. The file is kept, as the audit trail names it.
    Removing it again changes nothing. Side effects: the row and an audit entry on the
    record."""
    require(actor, "attachments.remove_attachment", attachment)
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.removed_at is not None:
        return locked
    locked.removed_at, locked.removed_by = timezone.now(), actor
    locked.save(update_fields=["removed_at", "removed_by"])
    _record("attachment.removed", locked.target, locked, actor=actor)
    return locked


def _record(action, record, attachment, *, actor) -> None:
    audit.record(
        action,
        record,
        actor=actor,
        attachment=attachment.pk,
        name=attachment.original_name,
        kind=attachment.kind,
        sha256=attachment.sha256,
    )
