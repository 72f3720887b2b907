"""What a region keeps from the public: a withholding of one record, with the secrecy provision
it rests on. A withholding is never deleted: it is lifted, and the lifting (who, when, why) is a
state of the same row, so the register of what was withheld and for how long stays whole."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pusselbit.assignments.models import Assignment
from pusselbit.attachments.storage import attachment_storage
from pusselbit.core.scoping import region_scoped
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.models import Region


class WithholdingQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(lifted_at__isnull=True)


class Withholding(models.Model):
    """One record withheld from the public pages (and the open data and the API that follow
    them). Starts with initiatives; another kind of record gets a foreign key of its own here."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="withholdings", verbose_name=_("region")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="withholdings",
        verbose_name=_("initiative"),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("The secrecy provision it rests on, e.g. OSL 21 kap. 1 §."),
    )
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    withheld_at = models.DateTimeField(_("withheld"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lift_reason = models.CharField(_("why it was lifted"), max_length=300, blank=True)

    objects = region_scoped(WithholdingQuerySet)

    class Meta:
        ordering = ["-withheld_at", "-pk"]
        verbose_name = _("withholding")
        verbose_name_plural = _("withholdings")
        constraints = [
            # One withholding in force per record: a second one would say nothing new, and
            # lifting "the" withholding would be ambiguous.
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(lifted_at__isnull=True),
                name="one_withholding_in_force",
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.reason}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A withholding is never deleted; lift it instead."))


def document_file_name(document_file, filename: str) -> str:
    """Where a published document's file is kept: `documents/<region>/<assignment>/<file
    name>`, in the storage that keeps the attachments (one store to run and back up)."""
    assignment = document_file.assignment
    return f"documents/{assignment.region.slug}/{assignment.pk}/{filename}"


class DocumentFile(models.Model):
    """A published file of an adopted assignment document: made once from the adopted record
    (assignments.document.document_of_assignment, as the region's own download makes it) and
    kept, the first time the public documents page or a download asks for it. Kept because the
    page gives each file's size in its link (a reader on a slow line decides by it, WCAG 2.4.4)
    and the file downloaded is then exactly the one described; and because a PDF takes a second
    or two to make, which a page listing many documents cannot spend on each. The record never
    changes after adoption, so neither does its file. The file is in the storage; its size is
    kept here, so the page never asks the storage for it."""

    FORMATS = ("pdf", "docx")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="+", verbose_name=_("assignment")
    )
    format = models.CharField(max_length=4, choices=[(name, name) for name in FORMATS])
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=document_file_name, max_length=255
    )
    size = models.PositiveIntegerField()
    filename = models.CharField(max_length=200)
    made_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="assignment__region")

    class Meta:
        verbose_name = _("published document file")
        verbose_name_plural = _("published document files")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "format"], name="one_file_per_format")
        ]

    def __str__(self):
        return f"{self.filename}.{self.format}"
