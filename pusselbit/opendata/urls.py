from django.urls import path

from . import views

app_name = "opendata"

# The region is `region`, not `region_slug`: these addresses are public, so the region scope
# middleware must not turn away a signed-in user of another region (the views read the region's
# public records with scoping disabled, filtered by this region).
urlpatterns = [
    path("", views.index, name="index"),
    path("dcat", views.catalogue, name="catalogue"),
    path("<slug:dataset>/readme", views.readme, name="readme"),
    path("<slug:region>/<slug:dataset>.csv", views.csv, name="csv"),
    path("<slug:region>/<slug:dataset>.json", views.json, name="json"),
]
