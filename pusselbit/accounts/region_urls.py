"""Mounted at /regioner/<region_slug>/administration/: the region's people."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("konton/", views.members, name="members"),
    path("konton/<int:pk>/", views.account, name="account"),
    path("konton/<int:pk>/roller/<int:membership_pk>/", views.membership, name="membership"),
    path("organ/", views.bodies, name="bodies"),
]
