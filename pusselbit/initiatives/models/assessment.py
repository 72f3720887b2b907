from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped

from ..enums import Assessment, Criterion, PreparationStep
from .initiative import Initiative


class CriterionAssessment(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="criterion_assessments"
    )
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion.choices)
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment.choices)
    motivation = models.TextField(_("motivation"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        verbose_name = _("criterion assessment")
        verbose_name_plural = _("criterion assessments")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "criterion"], name="assessed_once"),
        ]

    def __str__(self):
        return f"{self.get_criterion_display()}: {self.get_assessment_display()}"


class PreparationRecord(models.Model):
    """One preparation step done: by whom and when."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="preparation_records"
    )
    step = models.CharField(_("step"), max_length=20, choices=PreparationStep.choices)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_on = models.DateField(_("done on"))
    note = models.TextField(_("note"), blank=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        verbose_name = _("preparation step")
        verbose_name_plural = _("preparation steps")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "step"], name="step_once"),
        ]

    def __str__(self):
        return f"{self.get_step_display()} ({self.done_on})"
