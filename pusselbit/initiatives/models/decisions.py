"""Recommendations and decisions: recorded once, never edited. A correction of a decision is a
new decision that names the one it replaces."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped

from ..enums import DecisionExtent, DecisionOutcome, RecommendationOutcome
from .initiative import Initiative
from .workflow import Stage


class Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(
                _("A recorded %(what)s is never edited.") % {"what": self._meta.verbose_name}
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(
            _("A recorded %(what)s is never deleted.") % {"what": self._meta.verbose_name}
        )


class Recommendation(Immutable):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="recommendations"
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stage"),
        help_text=_("The stage it was given in: the decision on execution, or on implementation."),
    )
    outcome = models.CharField(
        _("recommendation"), max_length=20, choices=RecommendationOutcome.choices
    )
    rationale = models.TextField(_("rationale"))
    meeting_date = models.DateField(_("meeting date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return f"{self.get_outcome_display()} {self.meeting_date}"


class Decision(Immutable):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="decisions")
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage")
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    extent = models.CharField(
        _("implementation"),
        max_length=20,
        choices=DecisionExtent.choices,
        blank=True,
        help_text=_("What an approval at a running stage decides: implementation or scale-up."),
    )
    budget = models.DecimalField(
        _("decided budget (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    follow_up_plan = models.TextField(_("follow-up plan"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    decided_on = models.DateField(_("decision date"))
    registration_number = models.CharField(
        _("registration number"), max_length=50, help_text=_("Diarienummer, e.g. RB 2026/123.")
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.registration_number}: {self.get_outcome_display()} {self.decided_on}"

    @property
    def implements(self) -> bool:
        """An approval given while the initiative runs: the decision to implement or scale up
        (record_decision requires its extent), not the decision to carry it out."""
        return bool(self.extent)


class DecisionDocument(Immutable):
    """The decision's document as it was registered (documents.snapshot): its PDF and Word
    files are rendered from this record, never rebuilt from data that may have changed since."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="document_record"
    )
    content = models.JSONField(encoder=DjangoJSONEncoder)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="decision__initiative__region")

    class Meta:
        verbose_name = _("decision document")
        verbose_name_plural = _("decision documents")

    def __str__(self):
        return str(self.decision)
