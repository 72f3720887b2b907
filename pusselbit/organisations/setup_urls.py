"""Mounted at /regioner/<region_slug>/administration/: the region's organisations."""

from django.urls import path

from . import setup_views as views

app_name = "organisations_setup"
urlpatterns = [
    path("organisationer/", views.organisation_list, name="list"),
    path("organisationer/ny/", views.organisation_create, name="create"),
    path("organisationer/<int:pk>/", views.organisation_edit, name="edit"),
    path("verksamhetsomraden/<int:pk>/", views.area_edit, name="area"),
]
