from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from pusselbit.accounts.region_urls import sign_in_policy_patterns

urlpatterns = [
    path("", include("pusselbit.start.urls")),
    path("", include("pusselbit.core.urls")),
    path("konto/aviseringar/", include("pusselbit.notifications.urls")),
    path("konto/", include("pusselbit.accounts.urls")),
    path("regioner/", include("pusselbit.organisations.urls")),
    path("regioner/<slug:region_slug>/", include("pusselbit.initiatives.urls")),
    path("regioner/<slug:region_slug>/medel/", include("pusselbit.funds.urls")),
    # Search and similar initiatives (learning): under the region's own addresses and /insyn/.
    path("", include("pusselbit.learning.urls")),
    path("regioner/<slug:region_slug>/handlingsplaner/", include("pusselbit.plans.urls")),
    path("regioner/<slug:region_slug>/uppdrag/", include("pusselbit.assignments.urls")),
    path("regioner/<slug:region_slug>/redovisning/", include("pusselbit.reporting.urls")),
    path("regioner/<slug:region_slug>/forslag/", include("pusselbit.proposals.urls")),
    path("regioner/<slug:region_slug>/bilagor/", include("pusselbit.attachments.urls")),
    path(
        "regioner/<slug:region_slug>/administration/",
        include("pusselbit.accounts.region_urls"),
    ),
    path(
        "regioner/<slug:region_slug>/administration/",
        include("pusselbit.organisations.setup_urls"),
    ),
    path(
        "regioner/<slug:region_slug>/administration/",
        include((sign_in_policy_patterns, "sign_in_policy")),
    ),
    path("regioner/<slug:region_slug>/api-nycklar/", include("pusselbit.api.region_urls")),
    path(
        "regioner/<slug:region_slug>/administration/inbjudningar/",
        include("pusselbit.accounts.invitation_urls"),
    ),
    # Open data, public (pusselbit.opendata): the address dataportal.se harvests is /datasets/dcat.
    path("datasets/", include("pusselbit.opendata.urls")),
    path("insyn/", include("pusselbit.public.urls")),
    # The REST API (pusselbit.api), by DIGG's profile: /api/v1/…
    path("api/", include("pusselbit.api.urls")),
    path("regioner/<slug:region_slug>/insyn/", include("pusselbit.public.region_urls")),
    # The language switch is in every page's header. It only sets the language cookie, and its
    # `next` must be one of our own addresses, so a forged sending can do no more than switch a
    # visitor's language. Without a CSRF token in the header, a public page carries nothing
    # personal, and shared caches may keep it for everyone (pusselbit.public).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # For load balancers and monitoring (pusselbit.operations): /health/live, /health/ready.
    path("", include("pusselbit.operations.urls")),
]
