"""Meetings that reach people: the invitation mailed with its agenda and calendar event, its
update and cancellation replacing the event, answers, inviting a body by role, minutes shared
with the attendees and the members' own notes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from pusselbit.core.models import AuditEntry, OutgoingMail
from pusselbit.initiatives.domain import invitations
from pusselbit.initiatives.domain import meetings as domain
from pusselbit.initiatives.enums import InviteeRole, MeetingKind
from pusselbit.initiatives.models import Invitation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(people):
    return people["county_coordinator"]


@pytest.fixture
def meeting(blekinge, coordinator):
    starts = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    return domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.COORDINATION_GROUP,
        title="Samordningsgruppen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Regionhuset, Karlskrona",
    )


def _event(mail: OutgoingMail):
    (attachment,) = mail.attachments
    assert attachment["filename"].endswith(".ics")
    assert attachment["mimetype"] == "text/calendar"
    calendar = Calendar.from_ical(attachment["content"])
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _mail_to(address: str) -> list[OutgoingMail]:
    return [mail for mail in OutgoingMail.objects.order_by("pk") if address in mail.to]


def test_invite_by_role_reaches_the_bodys_members_once_and_only_active_ones(
    meeting, coordinator, people, blekinge, karlskrona
):
    second = MembershipFactory(
        region=blekinge, role="coordination_group_member", organisation=karlskrona
    ).user
    gone = MembershipFactory(
        region=blekinge, role="coordination_group_member", organisation=karlskrona
    ).user
    gone.is_active = False
    gone.save()

    made = invitations.invite_by_role(
        meeting, ["coordination_group_member", "analyst"], actor=coordinator
    )
    again = invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)

    invited = {(i.user, i.role) for i in made}
    assert invited == {
        (people["coordination_group_member"], InviteeRole.COORDINATION_GROUP_MEMBER),
        (second, InviteeRole.COORDINATION_GROUP_MEMBER),
        (people["analyst"], InviteeRole.ANALYST),
    }
    assert again == []
    assert AuditEntry.objects.filter(action="meeting.invited_by_role").count() == 2
    with pytest.raises(ValidationError):
        invitations.invite_by_role(meeting, ["administrator"], actor=coordinator)
    with pytest.raises(PermissionDenied):
        invitations.invite_by_role(meeting, ["analyst"], actor=people["analyst"])


def test_the_invitation_carries_the_agenda_and_a_calendar_event_with_every_attendee(
    meeting, coordinator, people, make_initiative
):
    initiative = make_initiative("radgivning", title="Samtalsstöd för unga vuxna")
    domain.add_agenda_item(meeting, initiative, actor=coordinator)
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    domain.invite(meeting, actor=coordinator, role="other", name="Eva Extern", email="eva@ex.se")
    domain.invite(meeting, actor=coordinator, role="other", name="Utan Adress")
    meeting.refresh_from_db()

    count = invitations.send_invitations(meeting, actor=coordinator)

    assert count == 2
    member = people["coordination_group_member"]
    (mail,) = _mail_to(member.email)
    assert mail.subject.startswith("Inbjudan: Samordningsgruppen")
    assert "Dagordning:" in mail.body and "1. Samtalsstöd för unga vuxna" in mail.body
    assert "startsida" in mail.body  # a user answers in the product
    calendar, event = _event(mail)
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"meeting-{meeting.pk}-{meeting.region.slug}@pusselbit"
    assert int(event["sequence"]) == meeting.sequence
    assert event.decoded("dtstart") == meeting.starts_at
    assert "Samtalsstöd för unga vuxna" in str(event["description"])
    assert str(event["organizer"]) == f"mailto:{coordinator.email}"
    attendees = {str(a) for a in event["attendee"]}
    assert attendees == {f"mailto:{member.email}", "mailto:eva@ex.se"}
    (external,) = _mail_to("eva@ex.se")
    assert "startsida" not in external.body
    # Sent twice (a double click, a second tab): nothing goes out again.
    assert invitations.send_invitations(meeting, actor=coordinator) == 0
    assert OutgoingMail.objects.count() == 2


def test_a_change_goes_out_as_an_update_and_a_cancellation_replaces_the_same_event(
    meeting, coordinator, people
):
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    invitations.send_invitations(meeting, actor=coordinator)
    address = people["coordination_group_member"].email
    later = meeting.starts_at + datetime.timedelta(days=1)

    invitations.update_meeting(
        meeting,
        actor=coordinator,
        title="Samordningsgruppen (flyttad)",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        location="Ronneby",
    )
    assert invitations.unsent(meeting).count() == 1
    invitations.send_invitations(meeting, actor=coordinator)
    invitations.cancel_meeting(meeting, actor=coordinator)

    first, update, cancellation = _mail_to(address)
    events = [_event(mail)[1] for mail in (first, update, cancellation)]
    assert len({str(event["uid"]) for event in events}) == 1
    sequences = [int(event["sequence"]) for event in events]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    assert update.subject.startswith("Ändrat: Samordningsgruppen (flyttad)")
    assert events[1].decoded("dtstart") == later
    assert str(_event(cancellation)[0]["method"]) == "CANCEL"
    assert str(events[2]["status"]) == "CANCELLED"
    assert cancellation.subject.startswith("Inställt:")
    with pytest.raises(ValidationError):
        invitations.send_invitations(meeting, actor=coordinator)


def test_putting_an_initiative_on_the_agenda_makes_the_sent_invitation_out_of_date(
    meeting, coordinator, people, make_initiative
):
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    invitations.send_invitations(meeting, actor=coordinator)
    assert not invitations.unsent(meeting).exists()

    domain.add_agenda_item(meeting, make_initiative("radgivning"), actor=coordinator)

    meeting.refresh_from_db()
    assert invitations.unsent(meeting).count() == 1


def test_only_the_invitee_answers_and_not_after_the_meeting(meeting, coordinator, people):
    member = people["coordination_group_member"]
    (invitation,) = invitations.invite_by_role(
        meeting, ["coordination_group_member"], actor=coordinator
    )
    with pytest.raises(ValidationError):
        invitations.answer(invitation, actor=coordinator, coming=True)

    invitations.answer(invitation, actor=member, coming=False)
    invitation.refresh_from_db()
    assert invitation.answer == "no" and invitation.answered_at is not None

    meeting.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.starts_at = meeting.ends_at - datetime.timedelta(hours=1)
    meeting.save()
    with pytest.raises(ValidationError):
        invitations.answer(Invitation.objects.get(pk=invitation.pk), actor=member, coming=True)


def test_invitee_answers_from_the_start_page(client, meeting, coordinator, people):
    member = people["coordination_group_member"]
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    client.force_login(member)

    page = client.get(reverse("start:start")).content.decode()
    assert "Samordningsgruppen" in page and 'name="coming"' in page
    response = client.post(
        reverse("initiatives:meeting_answer", args=[meeting.region.slug, meeting.pk]),
        {"coming": "yes", "next": reverse("start:start")},
    )

    assert response.status_code == 302 and response.url == reverse("start:start")
    assert Invitation.objects.get(meeting=meeting, user=member).answer == "yes"
    # Someone not invited has nothing to answer.
    client.force_login(people["analyst"])
    response = client.post(
        reverse("initiatives:meeting_answer", args=[meeting.region.slug, meeting.pk]),
        {"coming": "yes"},
    )
    assert response.status_code == 404


def test_an_answer_sent_to_another_site_returns_to_the_meeting(
    client, meeting, coordinator, people
):
    member = people["coordination_group_member"]
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    client.force_login(member)
    response = client.post(
        reverse("initiatives:meeting_answer", args=[meeting.region.slug, meeting.pk]),
        {"coming": "no", "next": "https://evil.example/"},
    )
    assert response.url.endswith(f"/{meeting.pk}/#answer")


def test_minutes_go_to_the_attendees_but_not_to_those_who_declined(meeting, coordinator, people):
    made = invitations.invite_by_role(
        meeting, ["coordination_group_member", "analyst"], actor=coordinator
    )
    declined = next(i for i in made if i.user == people["analyst"])
    invitations.answer(declined, actor=people["analyst"], coming=False)
    with pytest.raises(ValidationError):
        invitations.share_minutes(meeting, actor=coordinator)
    domain.update_meeting_notes(meeting, "Vi beslutade att gå vidare.", actor=coordinator)

    assert invitations.share_minutes(meeting, actor=coordinator) == 1

    (mail,) = OutgoingMail.objects.all()
    assert mail.to == [people["coordination_group_member"].email]
    assert "Vi beslutade att gå vidare." in mail.body


def test_group_members_name_actors_and_keep_notes_on_their_meeting_only(
    meeting, coordinator, people, blekinge, make_initiative, karlskrona
):
    member = people["coordination_group_member"]
    item = domain.add_agenda_item(meeting, make_initiative("radgivning"), actor=coordinator)

    domain.name_actors(item, [karlskrona], actor=member)
    invitations.add_member_note(meeting, "Tar med till IFO-ledningen.", actor=member)

    assert list(item.named_actors.all()) == [karlskrona]
    assert meeting.member_notes.get().author == member
    forum = domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.DIALOGUE_FORUM,
        title="Kvalitetscafé",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )
    with pytest.raises(PermissionDenied):
        invitations.add_member_note(forum, "Inte min grupp.", actor=member)
    with pytest.raises(PermissionDenied):
        invitations.add_member_note(meeting, "Ej inbjuden.", actor=people["finance_officer"])


def test_invited_users_see_the_invitation_among_their_notifications_without_a_second_mail(
    meeting, coordinator, people
):
    from pusselbit.notifications.models import Notification

    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    domain.invite(meeting, actor=coordinator, role="other", name="Eva Extern", email="eva@ex.se")
    invitations.send_invitations(meeting, actor=coordinator)
    invitations.cancel_meeting(meeting, actor=coordinator)

    member = people["coordination_group_member"]
    notices = Notification.objects.filter(recipient=member).order_by("pk")
    assert [n.subject.split(":")[0] for n in notices] == ["Inbjudan", "Inställt"]
    assert all(n.kind == "meeting_invitation" and n.mail is None for n in notices)
    assert not Notification.objects.filter(email="eva@ex.se").exists()
    assert len(_mail_to(member.email)) == 2  # the invitation and the cancellation, no more


def test_an_lsvo_invitation_links_the_bundled_proposals(
    blekinge, coordinator, people, make_initiative
):
    starts = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    lsvo = domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.LSVO,
        title="LSVO december",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    domain.add_agenda_item(lsvo, make_initiative("rekommendation"), actor=coordinator)
    invitations.invite_by_role(lsvo, ["lsvo_member"], actor=coordinator)
    invitations.send_invitations(lsvo, actor=coordinator)

    (mail,) = _mail_to(people["lsvo_member"].email)
    bundle = reverse("initiatives:meeting_proposals_pdf", args=[blekinge.slug, lsvo.pk])
    assert bundle in mail.body


def test_a_cancelled_meeting_takes_no_more_invitations_nor_agenda_items(
    meeting, coordinator, make_initiative
):
    invitations.cancel_meeting(meeting, actor=coordinator)
    meeting.refresh_from_db()
    for write in (
        lambda: domain.invite(meeting, actor=coordinator, role="other", name="Sen Gäst"),
        lambda: domain.add_agenda_item(meeting, make_initiative("radgivning"), actor=coordinator),
        lambda: invitations.invite_by_role(meeting, ["analyst"], actor=coordinator),
    ):
        with pytest.raises(ValidationError, match="inställt"):
            write()
    assert not meeting.invitations.exists() and not meeting.agenda.exists()


def test_the_meeting_page_buttons_say_what_they_did_or_why_not(client, meeting, coordinator):
    invitations.invite_by_role(meeting, ["coordination_group_member"], actor=coordinator)
    client.force_login(coordinator)

    def press(name) -> str:
        url = reverse(f"initiatives:{name}", args=[meeting.region.slug, meeting.pk])
        response = client.post(url, follow=True)
        assert response.status_code == 200
        return " ".join(str(m) for m in response.context["messages"])

    assert "Inbjudan är skickad till 1 person." in press("send_invitations")
    assert "Alla inbjudna har redan fått inbjudan." in press("send_invitations")
    assert "Skriv minnesanteckningarna innan du delar dem." in press("share_minutes")
    assert "Mötet är inställt; 1 person har meddelats." in press("meeting_cancel")
    assert press("send_invitations") == "Mötet är inställt."
    assert OutgoingMail.objects.count() == 2  # the invitation and the cancellation
