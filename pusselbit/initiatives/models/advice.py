"""The county coordinator's advice on an idea (step 2 of the process) and the reason to let a
proposal go to LSVO although criteria are assessed as not met. Both are registered entries:
never edited, a correction is a new entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.scoping import region_scoped
from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Organisation

from ..enums import AdviceNextStep, Fit
from .decisions import Immutable
from .initiative import Initiative
from .workflow import Stage


class Advice(Immutable):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="advice_entries"
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stage"),
        help_text=_("The stage the initiative was in when the advice was given."),
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement"),
    )
    fits_agreement = models.CharField(
        _("fits the agreement and priority areas"), max_length=10, choices=Fit.choices
    )
    fit_note = models.TextField(_("why it fits, or what does not"), blank=True)
    priority_areas = models.ManyToManyField(
        PriorityArea, blank=True, related_name="+", verbose_name=_("priority areas")
    )
    directions = models.ManyToManyField(
        Direction, blank=True, related_name="+", verbose_name=_("directions of the agreement")
    )
    suggested_actors = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("suggested actors")
    )
    advice = models.TextField(_("advice on design and direction"), blank=True)
    next_step = models.CharField(_("next step"), max_length=20, choices=AdviceNextStep.choices)
    next_step_note = models.TextField(_("about the next step"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    def __str__(self):
        return f"{self.get_fits_agreement_display()}: {self.get_next_step_display()}"


class ReasonToProceed(Immutable):
    """Why the proposal may go to LSVO although the criteria in `criteria` are assessed as not
    met. It covers those assessments as they were when it was recorded: a criterion assessed as
    not met again afterwards needs a new reason (workflows.gates)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="reasons_to_proceed"
    )
    criteria = models.JSONField(_("criteria not met"), default=list)
    reason = models.TextField(_("reason to proceed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("reason to proceed")
        verbose_name_plural = _("reasons to proceed")

    def __str__(self):
        return self.reason[:60]
