import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.accounts.queries import regions_with_roles
from pusselbit.initiatives.queries.waiting import waiting_summary

# Update when the statement is reviewed; the law asks for the date.
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 11, 22)


@login_required
def start(request):
    """The signed-in user's start page: their regions, their roles there, and what exists; of
    what waits for the user, the count and the newest few per region (the rest a link away)."""
    return render(
        request,
        "core/start.html",
        {
            "regions": regions_with_roles(request.user),
            "waiting": waiting_summary(request.user),
        },
    )


def accessibility(request):
    """Tillgänglighetsredogörelse, as the law (2018:1937) requires; public."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "statement_date": ACCESSIBILITY_STATEMENT_REVIEWED,
        },
    )
