from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerType(models.TextChoices):
    TEXT = "text", _("Free text")
    NUMBER = "number", _("Number")
    AMOUNT = "amount", _("Amount (kr)")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("Choice")


class RequirementKind(models.TextChoices):
    PARTIAL = "partial", _("Partial report")
    FINAL = "final", _("Final report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class CompilationStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Compiling")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class CompilationStep(models.IntegerChoices):
    """The steps of a compilation; its `step` is the number finished, shown as progress."""

    NOTHING = 0, _("Not started")
    GATHERED = 1, _("Gathering the reports")
    XLSX = 2, _("Making the Excel file")
    DOCX = 3, _("Making the Word document")
    PDF = 4, _("Making the PDF")
