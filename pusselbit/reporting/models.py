"""Reporting on an agreement year: requirements with deadlines, national question sets as
data, each recipient's report (versions kept), preconditions for next year's funds, and the
reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pusselbit.attachments.storage import attachment_storage
from pusselbit.core.scoping import region_scoped
from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Organisation, Region

from .enums import AnswerType, CompilationStatus, CompilationStep, ReportStatus, RequirementKind


class QuestionSetQuerySet(models.QuerySet):
    def for_region(self, region):
        """The sets a region sees and may report against: the national ones and its own."""
        return self.filter(models.Q(region__isnull=True) | models.Q(region=region))


class QuestionSet(models.Model):
    """The questions a report answers. A national set (no region) is there for every region's
    requirements and only the platform operator imports it; a region's own set is imported by
    its county coordinator and seen and used by that region alone. Nobody edits a set in
    place: a changed set is imported anew, so the reports already written keep their
    questions."""

    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(
        _("issued by"),
        max_length=200,
        help_text=_("E.g. SKR, Folkhälsomyndigheten, Socialstyrelsen"),
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, null=True, blank=True, related_name="question_sets"
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_sets",
        verbose_name=_("region"),
        help_text=_("Empty for a national question set, which every region may use."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionSetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")

    def __str__(self):
        return self.name


class Section(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    gender_equality = models.BooleanField(
        _("gender-equality section"),
        default=False,
        help_text=_(
            "How gender equality was considered and how the work contributed to the "
            "sub-goal of equal health."
        ),
    )

    class Meta:
        ordering = ["question_set", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=30)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    answer_type = models.CharField(_("answer type"), max_length=10, choices=AnswerType.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return f"{self.code} {self.text[:60]}"


class Requirement(models.Model):
    """A report the agreement year asks of each recipient by a deadline."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="requirements")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="requirements")
    kind = models.CharField(_("kind"), max_length=10, choices=RequirementKind.choices)
    deadline = models.DateField(_("deadline"))
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="requirements"
    )
    recipients = models.ManyToManyField(
        Organisation, related_name="reporting_requirements", verbose_name=_("who must report")
    )
    remind_days_before = models.JSONField(
        _("remind days before"),
        default=list,
        blank=True,
        help_text=_("E.g. [30, 7, 1]: reminders that many days before the deadline."),
    )
    precondition_for_next_year = models.BooleanField(
        _("needed for next year's funds"), default=False
    )
    narrative = models.TextField(
        _("the county's report"),
        blank=True,
        help_text=_(
            "The text the development lead writes about the county's work; the compiled county "
            "report opens with it."
        ),
    )

    objects = region_scoped()

    class Meta:
        ordering = ["deadline", "kind"]
        verbose_name = _("reporting requirement")
        verbose_name_plural = _("reporting requirements")

    def __str__(self):
        return f"{self.agreement} {self.get_kind_display()} ({self.region})"


class Report(models.Model):
    """One recipient's report on a requirement. A submitted report is locked; a correction is a
    new version that replaces it, the old one kept."""

    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="reports")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = models.PositiveIntegerField(default=1)

    objects = region_scoped(path="requirement__region")

    class Meta:
        ordering = ["requirement", "recipient__name", "-version"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "recipient", "version"], name="report_version_once"
            ),
        ]

    def __str__(self):
        return f"{self.requirement}: {self.recipient} v{self.version}"


class Answer(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    number = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    yes = models.BooleanField(null=True, blank=True)

    objects = region_scoped(path="report__requirement__region")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["report", "question"], name="one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.display}"

    @property
    def display(self) -> str:
        if self.question.answer_type == AnswerType.YES_NO:
            return "" if self.yes is None else (gettext("Yes") if self.yes else gettext("No"))
        if self.question.answer_type in (AnswerType.NUMBER, AnswerType.AMOUNT):
            return "" if self.number is None else str(self.number)
        return self.text


class Precondition(models.Model):
    """A basic requirement to be met for next year's funds (the Dalarna seed: parts of sections
    3–6 of the agreement, and a submitted partial report)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="preconditions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="preconditions")
    text = models.CharField(_("requirement"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="preconditions",
        verbose_name=_("met by submitting"),
        help_text=_(
            "A report whose submission meets the precondition by itself (e.g. the partial "
            "report): it is not checked by hand."
        ),
    )

    objects = region_scoped()

    class Meta:
        ordering = ["agreement", "order", "pk"]
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")

    def __str__(self):
        return self.text


class PreconditionCheck(models.Model):
    precondition = models.ForeignKey(Precondition, on_delete=models.CASCADE, related_name="checks")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now=True)

    objects = region_scoped(path="precondition__region")

    class Meta:
        verbose_name = _("precondition check")
        verbose_name_plural = _("precondition checks")
        constraints = [
            models.UniqueConstraint(fields=["precondition", "recipient"], name="checked_once"),
        ]

    def __str__(self):
        return f"{self.precondition}: {self.recipient}"


class ReminderSent(models.Model):
    """A reminder that went out; the unique key makes send_reminders idempotent."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=30, help_text="before-7:2021-03-31, late:2021-03-31, …")
    sent_at = models.DateTimeField(auto_now_add=True)
    addresses = models.JSONField(default=list)

    objects = region_scoped(path="requirement__region")

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "recipient", "key"], name="reminder_once"
            ),
        ]

    def __str__(self):
        return f"{self.requirement} {self.recipient} {self.key}"


def compiled_file_name(compilation, filename: str) -> str:
    """Where a compilation's file is kept: `reports/<region>/<compilation>/<file name>`, in the
    storage that keeps the attachments (one store for the operator to run and back up)."""
    return f"reports/{compilation.requirement.region.slug}/{compilation.pk}/{filename}"


def _compiled_file(label) -> models.FileField:
    """One of a compilation's files, kept in the attachments' storage (compiled_file_name)."""
    return models.FileField(
        label, storage=attachment_storage, upload_to=compiled_file_name, max_length=255, blank=True
    )


class Compilation(models.Model):
    """One compiled county report for a requirement: asked for by the coordinator, built by a
    task (in a worker where one runs, so a long compile does not hold the page), its progress
    read by the page, its files kept for download. The files are written once each, as their
    step finishes, and never changed after; their sizes are kept beside them so that a list
    gives them without asking the storage."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="compilations"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=CompilationStatus.choices, default=CompilationStatus.QUEUED
    )
    step = models.PositiveSmallIntegerField(
        choices=CompilationStep.choices, default=CompilationStep.NOTHING
    )
    submitted = models.PositiveIntegerField(null=True, blank=True)
    recipients = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    xlsx = _compiled_file(_("Excel file"))
    xlsx_size = models.PositiveIntegerField(_("size of the Excel file"), null=True, blank=True)
    docx = _compiled_file(_("Word file"))
    docx_size = models.PositiveIntegerField(_("size of the Word file"), null=True, blank=True)
    # Empty where the PDF could not be made (no WeasyPrint on the worker's machine).
    pdf = _compiled_file(_("PDF file"))
    pdf_size = models.PositiveIntegerField(_("size of the PDF file"), null=True, blank=True)
    # Published on the region's public pages (domain.compilations.publish_compilation): a
    # public record from then on, kept when newer compilations are pruned, never unpublished.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    # The file fields, by the extension each file has (and its address ends in); each has its
    # size in `<name>_size`.
    FILES = ("xlsx", "docx", "pdf")
    STEPS = len(CompilationStep.choices) - 1

    objects = region_scoped(path="requirement__region")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("compiled report")
        verbose_name_plural = _("compiled reports")

    def __str__(self):
        return f"{self.requirement} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def finished(self) -> bool:
        return self.status in (CompilationStatus.DONE, CompilationStatus.FAILED)
