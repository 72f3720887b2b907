"""Mounted at /regioner/<region_slug>/administration/: the region's people."""

from django.urls import path

from .views import identity_providers, two_factor
from .views import members as views

app_name = "accounts"
urlpatterns = [
    path("konton/", views.members, name="members"),
    path("konton/<int:pk>/", views.account, name="account"),
    path("konton/<int:pk>/roller/<int:membership_pk>/", views.membership, name="membership"),
    path("organ/", views.bodies, name="bodies"),
    path("inloggning/", identity_providers.identity_providers, name="identity_providers"),
    path("inloggning/<int:pk>/", identity_providers.identity_provider, name="identity_provider"),
]

# The region's sign-in policy (two-step verification), in its own namespace.
sign_in_policy_patterns = [
    path("tvastegsverifiering/", two_factor.sign_in_policy, name="edit"),
]
