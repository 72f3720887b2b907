"""A county's action plan (handlingsplan): focus areas, numbered goals per target group, and
indicators whose values are recorded per period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pusselbit.core.models import BilingualName
from pusselbit.core.scoping import region_scoped
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.models import Region

# The government's five focus areas, the default of every plan (SPEC, VG seeds).
DEFAULT_FOCUS_AREAS = [
    (1, "Förebyggande och främjande arbete", "Preventive and promotive work"),
    (2, "Tillgängliga tidiga insatser", "Accessible early interventions"),
    (3, "Enskildas delaktighet och rättigheter", "Individuals' participation and rights"),
    (4, "Utsatta grupper", "Vulnerable groups"),
    (5, "Ledning, styrning och organisation", "Leadership, governance and organisation"),
]


class ActionPlan(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(_("title"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = region_scoped()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title


class FocusArea(BilingualName):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="focus_areas")
    number = models.PositiveSmallIntegerField(_("number"))

    objects = region_scoped(path="plan__region")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="focus_area_number_once")
        ]


class Indicator(models.Model):
    """Something measured over time, e.g. "Systematiskt samarbete med brukarorganisationer";
    one indicator can follow several goals."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = region_scoped(path="plan__region")

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class Goal(models.Model):
    """A numbered goal for a target group: "Mål 3:2 för vuxna"."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="goals", verbose_name=_("focus area")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("E.g. 3:2"))
    target_group = models.CharField(
        _("target group"), max_length=100, blank=True, help_text=_("E.g. för vuxna")
    )
    text = models.TextField(_("goal"))
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="goals", verbose_name=_("indicators")
    )
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="plan_goals", verbose_name=_("initiatives")
    )

    objects = region_scoped(path="plan__region")

    class Meta:
        ordering = ["plan", "number", "target_group"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number", "target_group"], name="goal_once_per_target_group"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """ "Mål 3:2 för vuxna" (the number and target group as the plan writes them; the word
        in the active language: "Goal 3:2 för vuxna" on an English page)."""
        return " ".join(part for part in [gettext("Goal"), self.number, self.target_group] if part)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(_("period"), help_text=_("The last day of the period measured."))
    period_label = models.CharField(_("period name"), max_length=50, help_text=_("E.g. 2019"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="indicator__plan__region")

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_period")
        ]

    def __str__(self):
        return f"{self.indicator} {self.period_label}: {self.value}"
