from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("<slug:region_slug>/kommuner/", views.municipality_list, name="municipality_list"),
    path(
        "<slug:region_slug>/organisationer/<int:pk>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
]
