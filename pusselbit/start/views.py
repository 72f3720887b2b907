import rules
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.accounts.queries import regions_with_roles
from pusselbit.initiatives.queries.waiting import waiting_summary


@login_required
def start(request):
    """The signed-in user's start page: their regions, their roles there, and what exists; of
    what waits for the user, the count and the newest few per region (the rest a link away)."""
    regions = regions_with_roles(request.user)
    return render(
        request,
        "start/start.html",
        {
            "regions": regions,
            "waiting": waiting_summary(request.user),
            # The regions whose invitations the user looks after. Until the region's
            # administration page links them (issue 14), they are linked from here.
            "invites_to": {
                summary.region.pk
                for summary in regions
                if rules.has_perm("accounts.manage_invitations", request.user, summary.region)
            },
        },
    )
