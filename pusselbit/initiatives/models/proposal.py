from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped

from ..enums import EvidenceBasis, Funding
from .initiative import Initiative


class Proposal(models.Model):
    """The proposal (underlag) for an initiative, written in the proposal stages."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="proposal")
    background = models.TextField(_("background"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    programme_logic = models.TextField(_("programme logic"), blank=True)
    evidence_basis = models.CharField(
        _("rests on"), max_length=20, choices=EvidenceBasis.choices, blank=True
    )
    evidence_references = models.TextField(_("references"), blank=True)
    evaluation_plan = models.TextField(_("evaluation plan"), blank=True)
    reporting_plan = models.TextField(_("reporting plan"), blank=True)
    implementation_plan = models.TextField(_("implementation plan"), blank=True)
    economic_effects = models.TextField(_("economic effects"), blank=True)
    no_running_costs = models.BooleanField(
        _("stimulus funds pay for no ordinary running costs"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Bumped by every save, so that a second concurrent save is refused, not lost.
    version = models.PositiveIntegerField(default=1)

    objects = region_scoped(path="initiative__region")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return str(self.initiative)


class EffectMeasure(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=200)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    method = models.CharField(_("method"), max_length=300, blank=True)
    frequency = models.CharField(_("how often measured"), max_length=100, blank=True)

    objects = region_scoped(path="proposal__initiative__region")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("effect measure")
        verbose_name_plural = _("effect measures")

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=200)
    amount = models.DecimalField(
        _("amount (kr)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    funding = models.CharField(_("paid by"), max_length=10, choices=Funding.choices)
    ordinary_running_cost = models.BooleanField(_("ordinary running cost"), default=False)

    objects = region_scoped(path="proposal__initiative__region")

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            # Stimulus funds must not pay for ordinary running costs (the seed's rule).
            models.CheckConstraint(
                condition=~(Q(funding=Funding.STIMULUS) & Q(ordinary_running_cost=True)),
                name="no_stimulus_for_running_costs",
                violation_error_message=_(
                    "Stimulus funds must not pay for ordinary running costs."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.category}: {self.amount}"
