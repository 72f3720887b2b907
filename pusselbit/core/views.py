import datetime

from django.conf import settings
from django.shortcuts import render

# Update when the statement is reviewed; the law asks for the date.
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 11, 22)


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
