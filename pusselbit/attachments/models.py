import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Region

from .enums import AttachmentKind
from .storage import attachment_storage


def stored_name(attachment, filename: str) -> str:
    """Where the file is kept: the region, the month and a random name with the checked
    extension. The name the person gave is kept in the row, never in a path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    month = timezone.now().strftime("%Y/%m")
    return f"{attachment.region_id}/{month}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A file on a record of the region (an initiative, a meeting, a report). Never deleted:
    removing it marks it removed, and a removed file is no longer downloadable but is still
    listed to those who look after the record's files."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=stored_name, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )

    objects = region_scoped()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="attachment_target"),
        ]

    def __str__(self):
        return self.original_name

    @property
    def removed(self) -> bool:
        return self.removed_at is not None
