"""The money: an agreement year's funds per region and direction, their allocation over
recipients, requisitions, and the ledger of commitments and spending against each share."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction
from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Organisation, Region

from .enums import AllocationKey, Unit

MONEY = {"max_digits": 14, "decimal_places": 2}


class Agreement(models.Model):
    """A yearly agreement between the government and SKR, e.g. ÖK 2020."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    full_name = models.CharField(_("full name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    use_by = models.DateField(
        _("use funds by"), help_text=_("Funds not used by this date may have to be repaid.")
    )

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.name


class RegionFunds(models.Model):
    """What an agreement brings a region for one direction, in kronor and öre."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="funds")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="funds")
    direction = models.ForeignKey(Direction, on_delete=models.PROTECT, related_name="funds")
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])

    objects = region_scoped()

    class Meta:
        ordering = ["agreement", "region", "direction__order"]
        verbose_name = _("region's funds")
        verbose_name_plural = _("regions' funds")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "region", "direction"], name="funds_once_per_direction"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.region}: {self.direction}"


class Allocation(models.Model):
    """How a region's funds for one direction are split over recipients, and the result."""

    funds = models.OneToOneField(RegionFunds, on_delete=models.CASCADE, related_name="allocation")
    key = models.CharField(_("allocation key"), max_length=20, choices=AllocationKey.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.ORE)
    reference_date = models.DateField(_("population at"), null=True, blank=True)
    rate = models.DecimalField(
        _("kronor per inhabitant"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    flat_amount = models.DecimalField(_("amount per recipient"), **MONEY, null=True, blank=True)
    ratio_source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in proportion to"),
    )
    top_slice = models.DecimalField(_("top slice"), **MONEY, default=Decimal("0"))
    top_slice_purpose = models.CharField(_("top slice for"), max_length=200, blank=True)
    # Where the figures come from: a manual table copied from a decision, or the population
    # figures' source. A manual table may state the rate and date it was made with
    # (`rate`, `reference_date`), which the assignment document repeats.
    source = models.CharField(_("source of the figures"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="funds__region")

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self):
        return str(self.funds)


class Share(models.Model):
    """One recipient's part of an allocation: an account in the ledger."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="shares")
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="fund_shares",
        verbose_name=_("recipient"),
    )
    weight = models.DecimalField(_("weight"), max_digits=20, decimal_places=6, default=0)
    amount = models.DecimalField(_("amount"), **MONEY)
    pooled = models.BooleanField(
        _("top slice"), default=False, help_text=_("Pooled first for a joint function.")
    )

    objects = region_scoped(path="allocation__funds__region")

    class Meta:
        ordering = ["allocation", "-pooled", "recipient__name"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "recipient", "pooled"], name="share_once"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="share_not_negative"),
        ]

    def __str__(self):
        return f"{self.allocation}: {self.recipient}"


class Requisition(models.Model):
    """Who requisitioned which funds, from whom, when and on whose behalf. The payee can differ
    from the beneficiaries (Region Dalarna requisitioned all of Dalarna's funds)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="requisitions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="requisitions")
    directions = models.ManyToManyField(Direction, related_name="+", verbose_name=_("directions"))
    requisitioned_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="requisitions_made",
        verbose_name=_("requisitioned by (payee)"),
    )
    requisitioned_from = models.CharField(
        _("requisitioned from"), max_length=200, help_text=_("E.g. SKR or VästKom.")
    )
    on_behalf_of = models.ManyToManyField(
        Organisation, related_name="requisitions_for", blank=True, verbose_name=_("on behalf of")
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    requisitioned_on = models.DateField(_("date"))
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = region_scoped()

    class Meta:
        ordering = ["-requisitioned_on", "-pk"]
        verbose_name = _("requisition")
        verbose_name_plural = _("requisitions")

    def __str__(self):
        return f"{self.agreement} {self.requisitioned_by} {self.requisitioned_on}"


class Commitment(models.Model):
    """Funds a decision commits from a share. Released, never deleted, when a correcting
    decision replaces the one that made it."""

    share = models.ForeignKey(Share, on_delete=models.PROTECT, related_name="commitments")
    decision = models.ForeignKey(
        "initiatives.Decision", on_delete=models.PROTECT, related_name="commitments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    released_by = models.ForeignKey(
        "initiatives.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="released_commitments",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="decision__initiative__region")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return f"{self.share}: {self.amount}"

    def save(self, *args, **kwargs):
        # A registered commitment never changes: its share, decision, year and amount stay as
        # recorded. The one later write is the mark, set once, of the decision that released it.
        if not self._state.adding:
            marking = set(kwargs.get("update_fields") or ()) == {"released_by"}
            unmarked = Commitment.objects.filter(pk=self.pk, released_by__isnull=True).exists()
            if not (marking and unmarked and self.released_by_id):
                raise ValidationError(
                    _(
                        "A recorded commitment is never edited; a correcting decision only marks "
                        "it as released, once."
                    )
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A recorded commitment is never deleted."))


class Spending(models.Model):
    """Reported use of a share's funds: for an initiative whose decision committed them, or
    without one (spent outside commitments, which lowers what can still be committed)."""

    share = models.ForeignKey(Share, on_delete=models.PROTECT, related_name="spendings")
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spendings",
        verbose_name=_("initiative"),
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("what"), max_length=300)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = region_scoped(path="share__allocation__funds__region")

    class Meta:
        ordering = ["spent_on", "pk"]
        verbose_name = _("spending")
        verbose_name_plural = _("spendings")

    def __str__(self):
        return f"{self.share}: {self.amount}"
