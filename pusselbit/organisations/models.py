"""Regions (the tenants), the organisations within them, and their population figures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from django_scopes.state import get_scope

from pusselbit.core.scoping import UniqueAcrossRegions, region_scoped

from .enums import (
    OPERATION_AREA_KIND_BY_ORGANISATION_KIND,
    CivilSocietyType,
    OperationAreaKind,
    OrganisationKind,
)
from .validators import validate_organisation_number


class RegionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The regions a user works within. Every page scopes its lookups through this."""
        # Scoping in the database (a 404 for another region), not a reading of roles: which
        # roles the user holds is accounts.rules' to say, and organisations knows no accounts.
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Region(models.Model):
    """A county's region: the tenant. Its users, bodies and money are its own."""

    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county_name = models.CharField(_("county"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def with_population_at(self, reference_date):
        """Annotate `population` with the figure at `reference_date` (None where missing)."""
        figure = PopulationFigure.objects.filter(
            organisation=OuterRef("pk"), reference_date=reference_date
        )
        return self.annotate(population=Subquery(figure.values("population")[:1]))


class OrganisationManager(type(region_scoped(OrganisationQuerySet))):
    """Scoped like every region-owned model (pusselbit.core.scoping), with one widening: within
    a region's scope the organisations that act in it through an association are seen as well
    (Kungsbacka, in Halland, is a member of GR in Västra Götaland; see `serves_region`). Without
    a scope it raises, as the others do."""

    region_path = "region"

    def get_queryset(self):
        # The scope as django-scopes' own manager reads it (an override from with_scope or
        # with_scopes_disabled first).
        current = getattr(self, "_override_scope", None) or get_scope()
        regions = current.get("region")
        if not current.get("_enabled", True) or regions is None:
            return super().get_queryset()  # unscoped, or (no region in scope) one that raises
        keys = list(regions) if isinstance(regions, (list, tuple)) else [regions]
        # One subquery, not a join, so a row is never repeated for its several associations.
        serving = AssociationMembership._base_manager.filter(association__region__in=keys).values(
            "member_id"
        )
        return models.Manager.get_queryset(self).filter(Q(region__in=keys) | Q(pk__in=serving))


class Organisation(UniqueAcrossRegions, models.Model):
    """A region's own organisation, a municipality, a municipal association or a civil-society
    organisation. `region` is the tenant it belongs to."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=10,
        blank=True,
        help_text=_("Municipality code (4 digits) or county code (2 digits); empty for others."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("NNNNNN-NNNN, e.g. 212000-2270; the open data names recipients by it."),
    )
    civil_society_type = models.CharField(
        _("type of civil-society organisation"),
        max_length=20,
        choices=CivilSocietyType.choices,
        blank=True,
    )
    members = models.ManyToManyField(
        "self",
        through="AssociationMembership",
        through_fields=("association", "member"),
        symmetrical=False,
        related_name="associations",
        verbose_name=_("members"),
    )

    objects = OrganisationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~Q(code=""), name="organisation_code_unique"
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind=OrganisationKind.REGION),
                name="one_regional_organisation_per_region",
            ),
            models.CheckConstraint(
                condition=(Q(kind=OrganisationKind.CIVIL_SOCIETY) & ~Q(civil_society_type=""))
                | (~Q(kind=OrganisationKind.CIVIL_SOCIETY) & Q(civil_society_type="")),
                name="civil_society_type_iff_civil_society",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Said next to the field here, before the check constraint would say only its name.
        if (self.kind == OrganisationKind.CIVIL_SOCIETY) != bool(self.civil_society_type):
            raise ValidationError(
                {"civil_society_type": _("A civil-society organisation needs a type; others none.")}
            )

    def serves_region(self, region) -> bool:
        """An organisation acts in its own region, and a municipality also in the region of
        an association it belongs to (Kungsbacka, in Halland, is a member of GR in Västra
        Götaland)."""
        return self.region_id == region.pk or self.associations.filter(region=region).exists()

    @property
    def operation_area_kind(self):
        return OPERATION_AREA_KIND_BY_ORGANISATION_KIND[self.kind]


class AssociationMembership(models.Model):
    """A municipality's membership of a municipal association (kommunalförbund)."""

    association = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="association_links"
    )
    # Kungsbacka belongs to GR but lies in Halland, so Västra Götaland's per-capita splits
    # leave it out.
    counts_in_per_capita_split = models.BooleanField(_("counts in per-capita split"), default=True)
    source = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["association__name", "member__name"]
        verbose_name = _("association membership")
        verbose_name_plural = _("association memberships")
        constraints = [
            models.UniqueConstraint(fields=["association", "member"], name="membership_once"),
        ]

    def __str__(self):
        return f"{self.member} ∈ {self.association}"


class OperationArea(models.Model):
    """An operation area (verksamhetsområde) of an organisation, e.g. "Vuxenpsykiatri".

    Its kind — municipal, regional or civil society — follows from its organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="operation_areas",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("operation area")
        verbose_name_plural = _("operation areas")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="operation_area_once"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.name}"

    @property
    def kind(self) -> OperationAreaKind:
        return self.organisation.operation_area_kind


class PopulationFigure(models.Model):
    """An organisation's population at a reference date, e.g. SCB's count at 1 November."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="population_figures",
        verbose_name=_("organisation"),
    )
    reference_date = models.DateField(_("reference date"))
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation__name", "-reference_date"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference_date"], name="one_figure_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.reference_date}: {self.population}"
