"""Mounted at /regioner/<region_slug>/medel/: the region's agreement funds."""

from django.urls import include, path

app_name = "funds"

urlpatterns = [
    path("", include("pusselbit.funds.urls.allocations")),
    path("", include("pusselbit.funds.urls.ledger")),
]
