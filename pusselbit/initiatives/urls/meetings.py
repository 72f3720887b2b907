"""Mounted at /regioner/<region_slug>/moten/: the region's meetings."""

from django.urls import path

from ..views import meetings

urlpatterns = [
    path("", meetings.meeting_list, name="meetings"),
    path("nytt/", meetings.meeting_create, name="meeting_create"),
    path("<int:meeting_pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:meeting_pk>/dagordning/", meetings.agenda_add, name="agenda_add"),
    path(
        "<int:meeting_pk>/dagordning/<int:item_pk>/aktorer/",
        meetings.name_actors,
        name="name_actors",
    ),
    path("<int:meeting_pk>/inbjudningar/", meetings.invite, name="invite"),
    path(
        "<int:meeting_pk>/inbjudningar/satsning/",
        meetings.invite_for_initiative,
        name="invite_for_initiative",
    ),
    path("<int:meeting_pk>/anteckningar/", meetings.meeting_notes, name="meeting_notes"),
    path("<int:meeting_pk>/kalender.ics", meetings.meeting_ics, name="meeting_ics"),
]
