"""Mounted at the root: the region's search and similar initiatives under the region's own
address (/regioner/<region_slug>/…, sealed to its users like the rest of it), and Lär av andra
among the public pages (/insyn/lar-av-andra/, everyone's)."""

from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("insyn/lar-av-andra/", views.learn, name="learn"),
    path("regioner/<slug:region_slug>/sok/", views.search, name="search"),
    path(
        "regioner/<slug:region_slug>/satsningar/liknande/",
        views.similar_to_text,
        name="similar_to_text",
    ),
    path(
        "regioner/<slug:region_slug>/satsningar/<int:pk>/liknande/",
        views.similar_to_initiative,
        name="similar",
    ),
]
