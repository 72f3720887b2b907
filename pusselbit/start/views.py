from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.accounts.queries import regions_with_roles
from pusselbit.initiatives.queries.waiting import waiting_summary


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
        },
    )
