"""Mounted at /regioner/<region_slug>/moten/: the region's meetings."""

from django.urls import path

from ..views import invitations, meetings, proposal_documents

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
    path(
        "<int:meeting_pk>/underlag.pdf",
        proposal_documents.meeting_proposals_pdf,
        name="meeting_proposals_pdf",
    ),
    path(
        "<int:meeting_pk>/underlag.docx",
        proposal_documents.meeting_proposals_docx,
        name="meeting_proposals_docx",
    ),
    path("<int:meeting_pk>/andra/", invitations.meeting_change, name="meeting_change"),
    path("<int:meeting_pk>/stall-in/", invitations.meeting_cancel, name="meeting_cancel"),
    path("<int:meeting_pk>/inbjudningar/roll/", invitations.invite_by_role, name="invite_by_role"),
    path(
        "<int:meeting_pk>/inbjudningar/skicka/",
        invitations.send_invitations,
        name="send_invitations",
    ),
    path("<int:meeting_pk>/svar/", invitations.answer, name="meeting_answer"),
    path("<int:meeting_pk>/anteckningar/dela/", invitations.share_minutes, name="share_minutes"),
    path("<int:meeting_pk>/egna-anteckningar/", invitations.member_note, name="member_note"),
]
