"""Mounted at /regioner/<region_slug>/administration/: the region's people."""

from django.urls import path

from . import sso_views, views

app_name = "accounts"
urlpatterns = [
    path("konton/", views.members, name="members"),
    path("konton/<int:pk>/", views.account, name="account"),
    path("konton/<int:pk>/roller/<int:membership_pk>/", views.membership, name="membership"),
    path("organ/", views.bodies, name="bodies"),
    path("inloggning/", sso_views.identity_providers, name="identity_providers"),
    path("inloggning/<int:pk>/", sso_views.identity_provider, name="identity_provider"),
]
