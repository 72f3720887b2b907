"""Allocation pages, under /regioner/<region_slug>/medel/."""

from django.urls import path

from ..views import allocations as views
from ..views import population, region_funds

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:agreement_pk>/", views.agreement, name="agreement"),
    path("<int:agreement_pk>/tabell.xlsx", views.agreement_xlsx, name="agreement_xlsx"),
    path("<int:agreement_pk>/tabell.csv", views.agreement_csv, name="agreement_csv"),
    path("fordelning/<int:funds_pk>/", views.allocate, name="allocate"),
    path("befolkning/", population.population, name="population"),
    path("avtalsmedel/", region_funds.region_funds, name="region_funds"),
]
