from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from pusselbit.accounts.queries import regions_with_roles
from pusselbit.assignments.queries import follow_up_regions, overdue_for
from pusselbit.initiatives.queries.meetings import UPCOMING_WEEKS, upcoming_invitations
from pusselbit.initiatives.queries.waiting import waiting_summary
from pusselbit.notifications.queries import recent_of
from pusselbit.organisations.queries import region_named
from pusselbit.reporting.queries import due_for

from .administration import sections_for


@login_required
def start(request):
    """The signed-in user's start page, their work in one place: their meetings in the coming
    weeks (to answer), the reports their organisations owe with days left or late, the overdue
    milestones of the assignments they follow up, their latest notifications, and per region
    their roles and the count and newest few of the initiatives waiting for them (the rest a
    link away)."""
    today = timezone.localdate()
    return render(
        request,
        "start/start.html",
        {
            "regions": regions_with_roles(request.user),
            "waiting": waiting_summary(request.user),
            "invitations": list(upcoming_invitations(request.user)),
            "weeks": UPCOMING_WEEKS,
            "reports_due": due_for(request.user, today),
            "notifications": recent_of(request.user),
            "milestones": overdue_for(request.user, today),
            "follows_up": bool(follow_up_regions(request.user)),
            "today": today,
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
