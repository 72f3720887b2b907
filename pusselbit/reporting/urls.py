"""reporting pages, mounted under /regioner/<region_slug>/redovisning/."""

from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/", views.report, name="report"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/ratta/", views.correct, name="correct"),
    path("version/<int:report_pk>/", views.version, name="version"),
]
