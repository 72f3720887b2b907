from django.urls import path

from . import views

app_name = "start"
urlpatterns = [
    path("", views.start, name="start"),
    path(
        "regioner/<slug:region_slug>/administration/",
        views.region_administration,
        name="region_administration",
    ),
]
