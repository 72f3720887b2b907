"""Mounted at /regioner/<region_slug>/bilagor/."""

from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("ny/<slug:target>/<int:target_pk>/", views.upload, name="upload"),
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/ta-bort/", views.remove, name="remove"),
]
