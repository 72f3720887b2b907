"""What every initiative view starts with: the region and the initiative, scoped to the user
(another region's initiative is a 404, whatever the user's roles), and then a permission check
on the initiative (a 403 within one's region)."""

from django.shortcuts import get_object_or_404, redirect

from pusselbit.core.forms import add_errors
from pusselbit.core.permissions import check
from pusselbit.organisations.queries import object_in_region

from ..models import Initiative

__all__ = ["add_errors", "check", "initiative_for", "to_detail"]


def _initiative_in(region, pk) -> Initiative:
    return get_object_or_404(
        Initiative.objects.filter(region=region).select_related(
            "region", "stage", "workflow", "owner", "organisation"
        ),
        pk=pk,
    )


def initiative_for(request, region_slug, pk) -> Initiative:
    _, initiative = object_in_region(
        request, region_slug, _initiative_in, pk, perm="initiatives.view_initiative"
    )
    return initiative


def to_detail(initiative, anchor: str = ""):
    response = redirect("initiatives:detail", initiative.region.slug, initiative.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
