"""Reads: a record's attachments, and what its page's section shows."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404
from django.urls import reverse

from . import registry
from .forms import UploadForm
from .models import Attachment


def attachments_of(record, *, with_removed: bool = False):
    rows = Attachment.objects.filter(
        target_type=ContentType.objects.get_for_model(record), target_id=record.pk
    ).select_related("region", "uploaded_by", "removed_by")
    return rows if with_removed else rows.filter(removed_at__isnull=True)


def attachment_in(region, pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.filter(region=region), pk=pk)


def upload_url(record) -> str:
    target = registry.of(record)
    region = target.region_of(record)
    return reverse("attachments:upload", args=[region.slug, target.key, record.pk])


def section(record, user, *, form=None) -> dict:
    """The context of the attachments section (attachments/includes/section.html) on the
    record's page: its files (the removed ones too, for whoever looks after them), who may
    remove which, and the upload form for whoever may attach."""
    target = registry.of(record)
    sees_removed = user.has_perm("attachments.see_removed", record)
    may_attach = user.has_perm("attachments.add_attachment", record)
    rows = list(attachments_of(record, with_removed=sees_removed))
    for row in rows:
        row.may_remove = not row.removed and (
            sees_removed or (may_attach and row.uploaded_by_id == user.pk)
        )
    return {
        "attachment_list": rows,
        "attachment_form": (form or UploadForm(kinds=target.kinds)) if may_attach else None,
        "attachment_upload_url": upload_url(record),
    }
