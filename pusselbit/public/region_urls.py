"""Withholding records from the public, under /regioner/<region_slug>/insyn/."""

from django.urls import path

from .views import withholding

app_name = "withholding"
urlpatterns = [
    path("", withholding.register, name="register"),
    path("satsningar/<int:pk>/", withholding.initiative, name="initiative"),
]
