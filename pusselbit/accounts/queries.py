"""Reads about users and their memberships."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation, PopulationFigure, Region

from .models import Membership


@dataclass
class RegionSummary:
    region: Region
    memberships: list[Membership]
    municipality_count: int
    association_count: int
    population: int | None
    population_date: object


def regions_with_roles(user) -> list[RegionSummary]:
    """Each region the user works within, with their memberships there and the region's size
    at the latest reference date. A fixed number of queries, whatever the number of regions."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("region", "organisation")
        .order_by("region__name", "role")
    )
    regions = {m.region_id: m.region for m in memberships}
    counts = {
        row["region"]: row
        for row in Organisation.objects.filter(region__in=regions)
        .values("region")
        .annotate(
            municipalities=Count("pk", filter=Q(kind=OrganisationKind.MUNICIPALITY)),
            associations=Count("pk", filter=Q(kind=OrganisationKind.ASSOCIATION)),
        )
    }
    figures = PopulationFigure.objects.filter(
        organisation__region__in=regions, organisation__kind=OrganisationKind.MUNICIPALITY
    )
    latest = {
        row["organisation__region"]: row["latest"]
        for row in figures.values("organisation__region").annotate(latest=Max("reference_date"))
    }
    per_date = figures.filter(reference_date__in=set(latest.values())).values(
        "organisation__region", "reference_date"
    )
    totals = {
        row["organisation__region"]: row["total"]
        for row in per_date.annotate(total=Sum("population"))
        if latest.get(row["organisation__region"]) == row["reference_date"]
    }
    return [
        RegionSummary(
            region=region,
            memberships=[m for m in memberships if m.region_id == region.pk],
            municipality_count=counts.get(region.pk, {}).get("municipalities", 0),
            association_count=counts.get(region.pk, {}).get("associations", 0),
            population=totals.get(region.pk),
            population_date=latest.get(region.pk),
        )
        for region in sorted(regions.values(), key=lambda r: r.name)
    ]
