from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from pusselbit.accounts.queries import regions_with_roles
from pusselbit.initiatives.queries.meetings import UPCOMING_WEEKS, upcoming_invitations
from pusselbit.initiatives.queries.waiting import waiting_summary
from pusselbit.organisations.queries import region_named

from .administration import sections_for


@login_required
def start(request):
    """The signed-in user's start page: their regions, their roles there, and what exists; of
    what waits for the user, the count and the newest few per region (the rest a link away)."""
    return render(
        request,
        "start/start.html",
        {
            "regions": regions_with_roles(request.user),
            "waiting": waiting_summary(request.user),
            "invitations": list(upcoming_invitations(request.user)),
            "weeks": UPCOMING_WEEKS,
        },
    )


@login_required
def region_administration(request, region_slug):
    """The region's administration: the sections the user's roles there open (a 403 when none)."""
    region = region_named(request, region_slug)
    sections = sections_for(request.user, region)
    if not sections:
        raise PermissionDenied
    return render(
        request, "start/region_administration.html", {"region": region, "sections": sections}
    )
