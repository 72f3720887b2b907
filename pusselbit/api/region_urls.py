"""A region's API tokens, under /regioner/<region_slug>/api-nycklar/."""

from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:pk>/aterkalla/", views.revoke, name="revoke"),
]
