"""Mounted under /regioner/<region_slug>/satsningar/<pk>/: the initiative's check-in log."""

from django.urls import path

from ..views import checkins

urlpatterns = [
    path("avstamningar/", checkins.check_ins, name="check_ins"),
]
