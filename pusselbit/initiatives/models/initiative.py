from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Organisation, Region

from .workflow import Stage, Transition, Workflow


class Initiative(models.Model):
    """A satsning, from the first idea to its implementation. The idea template's fields live
    here; the proposal (underlag) is its own row."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("region")
    )
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="initiatives")
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("stage")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("owner"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("owner's organisation"),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=50,
        blank=True,
        help_text=_("Diarienummer, e.g. RB 2026/123."),
    )
    # The idea template (idébeskrivning).
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem or need"), blank=True)
    idea = models.TextField(_("the idea"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    involved = models.TextField(_("who is involved"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    priority_areas = models.ManyToManyField(
        PriorityArea, blank=True, related_name="initiatives", verbose_name=_("priority areas")
    )
    directions = models.ManyToManyField(
        Direction,
        blank=True,
        related_name="initiatives",
        verbose_name=_("directions of the agreement"),
    )
    rough_budget = models.DecimalField(
        _("rough budget (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Bumped by every save of the idea template, so a concurrent edit is detected.
    version = models.PositiveIntegerField(default=1)

    objects = region_scoped()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            # The pipeline: counts per stage, the newest of each stage and a stage's pages are
            # read from this index in order (it also serves every region + stage filter).
            models.Index(
                fields=["region", "stage", "-updated_at", "-id"], name="initiative_pipeline"
            ),
            # The year filter's choices: the creation years of one region's initiatives.
            models.Index(fields=["region", "created_at"], name="initiative_region_created"),
        ]

    def __str__(self):
        return self.title


class StageChange(models.Model):
    """One move of an initiative between stages: who, when, from, to and why."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    transition = models.ForeignKey(
        Transition, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self):
        return f"{self.from_stage} → {self.to_stage}"
