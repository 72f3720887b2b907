from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.core.pagination import paginate
from pusselbit.organisations.queries import region_named

from ..queries.waiting import waiting_in


@login_required
def waiting(request, region_slug):
    """Everything in the region that waits for a step of the user's, a page at a time (the
    start page shows only the newest few)."""
    region = region_named(request, region_slug)
    page = paginate(request, waiting_in(request.user, region))
    return render(request, "initiatives/waiting.html", {"region": region, "page": page})
