"""Allocation pages."""

urlpatterns = []
