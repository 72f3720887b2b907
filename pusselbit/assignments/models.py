"""Assignment documents (uppdragshandlingar): what a state-funded effort is to do, steered by
the county action plan, with its funds, timeline of milestones and signatories."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.funds.models import Allocation
from pusselbit.organisations.models import Organisation, Region
from pusselbit.plans.models import ActionPlan, Goal

from .enums import AssignmentStatus, PointKind, Season


class Assignment(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="assignments")
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("action plan"),
    )
    place = models.CharField(_("place"), max_length=100)
    dated = models.DateField(_("date"))
    co_senders = models.TextField(
        _("sent together with"),
        blank=True,
        help_text=_(
            "Organisations that send the document together with the region, one a line, "
            "e.g. VästKom. The letterhead names them beside the region."
        ),
    )
    heading = models.CharField(
        _("heading"),
        max_length=300,
        blank=True,
        help_text=_("A line above the title, e.g. the funds it concerns."),
    )
    title = models.CharField(_("title"), max_length=300)
    background = models.TextField(_("background"))
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="assignments", verbose_name=_("action-plan goals")
    )
    goals_text = models.TextField(
        _("about the goals"),
        blank=True,
        help_text=_("How the assignment serves the goals, as the document says it."),
    )
    activity = models.TextField(_("activity"), blank=True)
    purpose = models.TextField(_("purpose"))
    organisation_text = models.TextField(_("organisation"))
    reporting = models.TextField(_("reporting"), blank=True)
    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("funds and their distribution"),
    )
    funds_text = models.TextField(
        _("about the funds"), blank=True, help_text=_("E.g. who requisitioned them, from whom.")
    )
    signed_place = models.CharField(_("signed at"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.DRAFT
    )
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    # The document as it was adopted (documents.snapshot), rendered from then on instead of
    # being rebuilt, and the allocation it showed (document.allocation_state), to tell
    # when the funds have been allocated anew since.
    adopted_content = models.JSONField(
        null=True, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    adopted_allocation = models.JSONField(
        null=True, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = region_scoped()

    class Meta:
        ordering = ["-dated", "title"]
        verbose_name = _("assignment document")
        verbose_name_plural = _("assignment documents")

    def __str__(self):
        return self.title


class Position(models.Model):
    """A position the assignment funds: "koordinator, 1,0 tjänst"."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("position"), max_length=200)
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )
    extent = models.DecimalField(
        _("extent (full-time equivalents)"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("1,0 is a full-time post."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = region_scoped(path="assignment__region")

    class Meta:
        ordering = ["assignment", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self):
        return self.title


class Point(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(_("kind"), max_length=10, choices=PointKind.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(default=0)

    objects = region_scoped(path="assignment__region")

    class Meta:
        ordering = ["assignment", "kind", "order", "pk"]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self):
        return self.text[:60]


class ReportingLine(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reporting_lines"
    )
    to_whom = models.CharField(_("to whom"), max_length=300)
    how_often = models.CharField(_("how often"), max_length=100)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="+", verbose_name=_("against the goals")
    )

    objects = region_scoped(path="assignment__region")

    class Meta:
        ordering = ["assignment", "pk"]
        verbose_name = _("reporting line")
        verbose_name_plural = _("reporting lines")

    def __str__(self):
        return self.to_whom


class Milestone(models.Model):
    """A point of the timeline: "Vår 2020: Fastställd uppdragshandling", or one with a date."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="milestones")
    season = models.CharField(_("season"), max_length=10, choices=Season.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    due_on = models.DateField(_("date"), null=True, blank=True)
    text = models.TextField(_("milestone"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = region_scoped(path="assignment__region")

    class Meta:
        # Within a year spring comes before autumn: "spring" > "autumn", hence the descending sort.
        ordering = ["assignment", "year", "-season", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=(Q(season="") & Q(year__isnull=True) & Q(due_on__isnull=False))
                | (~Q(season="") & Q(year__isnull=False) & Q(due_on__isnull=True)),
                name="milestone_season_or_date",
            )
        ]

    def __str__(self):
        return f"{self.when}: {self.text[:60]}"

    @property
    def when(self) -> str:
        """ "Vår 2020" (in the active language: "Spring 2020" on an English page; the document
        is built in Swedish), or the date."""
        if self.due_on:
            return self.due_on.isoformat()
        return f"{Season(self.season).label} {self.year}"

    @property
    def deadline(self) -> datetime.date:
        """The last day of the season (spring ends 30 June, autumn 31 December), or the date."""
        if self.due_on:
            return self.due_on
        return (
            datetime.date(self.year, 6, 30)
            if self.season == Season.SPRING
            else (datetime.date(self.year, 12, 31))
        )

    def overdue(self, today: datetime.date | None = None) -> bool:
        return self.done_on is None and self.deadline < (today or timezone.localdate())


class Signatory(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    objects = region_scoped(path="assignment__region")

    class Meta:
        ordering = ["assignment", "order", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name}, {self.organisation}"
