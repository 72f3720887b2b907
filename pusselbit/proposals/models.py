"""The use-of-funds proposal (Förslag på användning av medel) a region writes for each agreement
year (the Dalarna seed): the amounts and the reporting requirements come from the funds and
reporting apps; the directions' texts and the proposed use per direction are written here. Once
the region's body has adopted it, the document's content is kept as it was adopted
(`adopted_document`, documents.snapshot) and its PDF and Word are rendered from that record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.enums import DirectionScope
from pusselbit.agreements.models import Direction
from pusselbit.core.scoping import region_scoped
from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Region

from .enums import ProposalStatus


class Proposal(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="proposals")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="proposals")
    name = models.CharField(
        _("what the proposal is about"),
        max_length=300,
        help_text=_("The second line of the title, after “Förslag på användning av medel”."),
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    dated = models.DateField(_("date"))
    amounts_text = models.TextField(
        _("about the amounts"),
        blank=True,
        help_text=_("Printed after the tables of amounts and the requisitions."),
    )
    reporting_text = models.TextField(
        _("about the reporting"),
        blank=True,
        help_text=_(
            "Printed before the reporting requirements and preconditions recorded in Pusselbit. "
            "Lines starting with “1. ” make a numbered list."
        ),
    )
    other_heading = models.CharField(_("heading of the last part"), max_length=200, blank=True)
    other_text = models.TextField(
        _("last part"), blank=True, help_text=_("E.g. who writes the report, and by when.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_document = models.JSONField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = region_scoped()

    class Meta:
        ordering = ["-agreement__year", "region"]
        verbose_name = _("use-of-funds proposal")
        verbose_name_plural = _("use-of-funds proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "agreement"], name="proposal_once_per_agreement_year"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.region}"

    @property
    def adopted(self) -> bool:
        return self.status == ProposalStatus.ADOPTED


class ProposalDirection(models.Model):
    """One direction of the agreement in the proposal: what the agreement says about it, and
    what the region proposes to use its funds for."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="directions")
    direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scope = models.CharField(_("scope"), max_length=20, choices=DirectionScope.choices)
    title = models.CharField(_("heading"), max_length=300)
    description = models.TextField(
        _("what the agreement says"),
        blank=True,
        help_text=_("The direction as the agreement describes it (part 3 of the document)."),
    )
    proposed_use = models.TextField(
        _("proposed use"),
        blank=True,
        help_text=_(
            "What the funds are proposed for (part 4): e.g. a shared coordinator, a working "
            "group and its task."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = region_scoped(path="proposal__region")

    class Meta:
        ordering = ["proposal", "order", "pk"]
        verbose_name = _("direction in a proposal")
        verbose_name_plural = _("directions in a proposal")

    def __str__(self):
        return self.title
