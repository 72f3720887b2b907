"""plans pages, mounted under /regioner/<region_slug>/handlingsplaner/."""

from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("ny/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/faststall/", views.plan_adopt, name="adopt"),
    path("<int:pk>/mal/nytt/", views.goal_create, name="goal_create"),
    path("<int:pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("mal/<int:goal_pk>/", views.goal_detail, name="goal"),
    path(
        "mal/<int:goal_pk>/satsningar/<int:initiative_pk>/ta-bort/",
        views.unlink_initiative,
        name="unlink_initiative",
    ),
    path("indikatorer/<int:indicator_pk>/varde/", views.record_value, name="record_value"),
]
