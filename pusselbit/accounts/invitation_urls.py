"""Mounted at /regioner/<region_slug>/administration/inbjudningar/: the region's invitations to
a role. (The acceptance page, which is no region's, is in accounts.urls.)"""

from django.urls import path

from .views import invitations as views

app_name = "invitations"
urlpatterns = [
    path("", views.invitation_list, name="list"),
    path("ny/", views.invite, name="invite"),
    path("<int:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("<int:pk>/skicka-igen/", views.resend, name="resend"),
]
