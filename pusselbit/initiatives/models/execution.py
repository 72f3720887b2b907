from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped

from .initiative import Initiative
from .proposal import EffectMeasure


class FollowUpReport(models.Model):
    """A follow-up report for a period of the running initiative (step 10)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="follow_up_reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    done = models.TextField(_("what was done"))
    deviations = models.TextField(_("deviations"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self):
        return f"{self.period_start}–{self.period_end}"


class MeasureValue(models.Model):
    report = models.ForeignKey(FollowUpReport, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(EffectMeasure, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    objects = region_scoped(path="report__initiative__region")

    class Meta:
        ordering = ["measure", "report__period_start"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="one_value_per_report"),
        ]

    def __str__(self):
        return f"{self.measure}: {self.value}"


class Adjustment(models.Model):
    """An adjustment agreed with the steering group when wanted effects are not met."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="adjustments")
    agreed_on = models.DateField(_("agreed on"))
    description = models.TextField(_("adjustment"))
    agreed_with = models.CharField(_("agreed with"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["agreed_on", "pk"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")

    def __str__(self):
        return f"{self.agreed_on}: {self.description[:60]}"


class Seminar(models.Model):
    """A seminar for learning and spreading results (step 11)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="seminars")
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")

    def __str__(self):
        return self.title


class FinalEvaluation(models.Model):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="final_evaluation"
    )
    summary = models.TextField(_("summary"))
    effects = models.TextField(_("effects achieved"))
    lessons = models.TextField(_("lessons"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = region_scoped(path="initiative__region")

    class Meta:
        verbose_name = _("final evaluation")
        verbose_name_plural = _("final evaluations")

    def __str__(self):
        return f"{self.initiative} ({self.evaluated_on})"


class ResourceReview(models.Model):
    """The review of economic and personnel resources before implementation (step 12)."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="resource_review"
    )
    economic_resources = models.TextField(_("economic resources"))
    personnel_resources = models.TextField(_("personnel resources"))
    scale_up_plan = models.TextField(_("plan for implementation and scale-up"))
    reviewed_on = models.DateField(_("reviewed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = region_scoped(path="initiative__region")

    class Meta:
        verbose_name = _("resource review")
        verbose_name_plural = _("resource reviews")

    def __str__(self):
        return f"{self.initiative} ({self.reviewed_on})"
