from django.contrib import admin
from django.urls import include, path

from pusselbit.accounts.region_urls import sign_in_policy_patterns

urlpatterns = [
    path("", include("pusselbit.start.urls")),
    path("", include("pusselbit.core.urls")),
    path("konto/", include("pusselbit.accounts.urls")),
    path("regioner/", include("pusselbit.organisations.urls")),
    path("regioner/<slug:region_slug>/", include("pusselbit.initiatives.urls")),
    path("regioner/<slug:region_slug>/medel/", include("pusselbit.funds.urls")),
    path("regioner/<slug:region_slug>/handlingsplaner/", include("pusselbit.plans.urls")),
    path("regioner/<slug:region_slug>/uppdrag/", include("pusselbit.assignments.urls")),
    path("regioner/<slug:region_slug>/redovisning/", include("pusselbit.reporting.urls")),
    path("regioner/<slug:region_slug>/forslag/", include("pusselbit.proposals.urls")),
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
    path(
        "regioner/<slug:region_slug>/administration/inbjudningar/",
        include("pusselbit.accounts.invitation_urls"),
    ),
    # Open data, public (pusselbit.opendata): the address dataportal.se harvests is /datasets/dcat.
    path("datasets/", include("pusselbit.opendata.urls")),
    path("insyn/", include("pusselbit.public.urls")),
    path("regioner/<slug:region_slug>/insyn/", include("pusselbit.public.region_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
