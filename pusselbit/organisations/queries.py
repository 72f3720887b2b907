"""Reads about organisations, always scoped to the regions a user works within."""

import datetime

from django.db.models import Case, Count, IntegerField, Max, Min, Prefetch, Q, Sum, Value, When
from django.shortcuts import get_object_or_404

from pusselbit.core.permissions import check

from .enums import OrganisationKind
from .models import AssociationMembership, OperationArea, Organisation, PopulationFigure, Region


def region_for(user, slug: str) -> Region:
    """The region with `slug` if the user works within it; a 404 otherwise, so another
    region's existence is not revealed."""
    return get_object_or_404(Region.objects.for_user(user), slug=slug)


def region_named(request, region_slug: str) -> Region:
    """The region named in the address, if the user works within it (a 404 otherwise). The
    region scope (accounts.middleware.RegionScopeMiddleware) has looked it up among the user's
    already, and 404'd any other; only without the middleware is it looked up here."""
    region = getattr(request, "region", None)
    if region is not None and region.slug == region_slug:
        return region
    return region_for(request.user, region_slug)


def region_with(request, region_slug: str, perm: str) -> Region:
    """The region named in the address (a 404 outside the user's regions) if the user's roles
    allow `perm` there (a 403). For the pages about no one object: a list, a form that adds."""
    region = region_named(request, region_slug)
    check(request, perm, region)
    return region


def object_in_region(request, region_slug: str, find, *args, perm: str, **kwargs):
    """The region named in the address and the object `find(region, *args, **kwargs)` looks up
    within it, if the user's roles allow `perm` in the region.

    The object is looked up before the roles are asked: another region's object is a 404
    whoever asks, never a 403 that tells it exists. The lookup runs within the request's region
    scope (pusselbit.core.scoping), so even a `find` that forgot to filter by region cannot
    reach another region's row: the scoped manager leaves it out, and the lookup is a 404."""
    region = region_named(request, region_slug)
    found = find(region, *args, **kwargs)
    check(request, perm, region)
    return region, found


def organisation_in(region: Region, pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.filter(region=region).select_related("region"), pk=pk
    )


def population_dates(region: Region) -> list[datetime.date]:
    """The reference dates at which the region's municipalities have figures, newest first."""
    return list(
        PopulationFigure.objects.filter(
            organisation__region=region, organisation__kind=OrganisationKind.MUNICIPALITY
        )
        .values_list("reference_date", flat=True)
        .distinct()
        .order_by("-reference_date")
    )


def held_dates(region) -> list[dict]:
    """Per reference date: how many of the region's municipalities have a figure, the sum, and
    the source (two sources, when figures at one date came from two loads)."""
    return list(
        PopulationFigure.objects.filter(
            organisation__region=region, organisation__kind=OrganisationKind.MUNICIPALITY
        )
        .values("reference_date")
        .annotate(
            municipalities=Count("pk"),
            population=Sum("population"),
            last_source=Max("source"),
            first_source=Min("source"),
        )
        .order_by("-reference_date")
    )


def municipalities_at(region: Region, reference_date: datetime.date | None):
    """The region's municipalities with their population at `reference_date` and the
    associations they belong to, in a fixed number of queries. Unordered: the caller sorts
    in Swedish order (core.formatting.swedish_sort_key), which no database collation promises."""
    return (
        region.organisations.municipalities()
        .with_population_at(reference_date)
        .prefetch_related(
            Prefetch(
                "association_links",
                # Municipalities' memberships of associations, not users' roles.
                queryset=AssociationMembership.objects.select_related("association"),
            )
        )
    )


def organisations_serving(region):
    """The region's organisations and those that act in it through an association (Kungsbacka
    in GR): the region's own organisation first, then associations, municipalities, others."""
    order = Case(
        When(kind=OrganisationKind.REGION, then=Value(0)),
        When(kind=OrganisationKind.ASSOCIATION, then=Value(1)),
        When(kind=OrganisationKind.MUNICIPALITY, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        Organisation.objects.filter(Q(region=region) | Q(associations__region=region))
        .distinct()
        .annotate(kind_order=order)
        .order_by("kind_order", "name")
    )


def organisations_for_setup(region: Region, *, kind="", text=""):
    """The region's own organisations for its administrator's list, by name, with their
    operation areas (two queries a page)."""
    organisations = Organisation.objects.filter(region=region)
    if kind:
        organisations = organisations.filter(kind=kind)
    for word in text.split():
        organisations = organisations.filter(name__icontains=word)
    areas = OperationArea.objects.order_by("name")
    return organisations.prefetch_related(Prefetch("operation_areas", queryset=areas)).order_by(
        "name", "pk"
    )


def operation_area_in(region: Region, pk: int) -> OperationArea:
    return get_object_or_404(
        OperationArea.objects.filter(organisation__region=region).select_related(
            "organisation__region"
        ),
        pk=pk,
    )
