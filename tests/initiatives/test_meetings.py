import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives import domain as initiative_domain
from pusselbit.initiatives.domain import meetings as domain
from pusselbit.initiatives.enums import InviteeRole, MeetingKind
from pusselbit.initiatives.models import AgendaItem, CheckIn, Invitation, Meeting, Participant
from pusselbit.initiatives.workflows.engine import install_workflow
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
START = datetime.datetime(2026, 12, 3, 13, 0, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the assertions read the message ids."""
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def url(name, region, *args):
    return reverse(f"initiatives:{name}", args=[region.slug, *args])


@pytest.fixture
def coordinator(people):
    return people["county_coordinator"]


@pytest.fixture
def meeting(blekinge, coordinator):
    return domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.COORDINATION_GROUP,
        title="Samordningsgruppen december",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        location="Regionhuset, Karlskrona",
    )


@pytest.fixture
def ronneby(blekinge):
    return OrganisationFactory(region=blekinge, code="1081", name="Ronneby")


# Creating a meeting


def test_meeting_create_as_county_coordinator_saves_and_shows_it(client, blekinge, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("meeting_create", blekinge),
        {
            "kind": "coordination_group",
            "title": "Samordningsgruppen januari",
            "starts_at": "2027-01-14T09:00",
            "ends_at": "2027-01-14T11:30",
            "location": "Ronneby",
            "notes": "",
        },
    )
    meeting = Meeting.objects.get(title="Samordningsgruppen januari")
    assert response.status_code == 302
    assert response.url == url("meeting_detail", blekinge, meeting.pk)
    assert meeting.region == blekinge and meeting.created_by == coordinator
    assert meeting.starts_at == datetime.datetime(2027, 1, 14, 8, 0, tzinfo=datetime.UTC)
    assert AuditEntry.objects.filter(action="meeting.created", target_id=str(meeting.pk)).exists()
    html = client.get(response.url).content.decode()
    assert "<h1>Samordningsgruppen januari</h1>" in html
    assert "09:00–11:30" in html


def test_meeting_create_ending_before_start_keeps_data_and_shows_error(
    client, blekinge, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        url("meeting_create", blekinge),
        {
            "kind": "dialogue_forum",
            "title": "Kvalitetscafé",
            "starts_at": "2027-02-01T13:00",
            "ends_at": "2027-02-01T12:00",
            "location": "Karlshamn",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert 'class="error-summary"' in html and 'href="#id_ends_at"' in html
    assert "The meeting must end after it starts." in html
    assert 'value="Kvalitetscafé"' in html
    assert 'value="2027-02-01T13:00"' in html and 'value="Karlshamn"' in html
    assert 'type="datetime-local"' in html


def test_meeting_create_as_initiator_is_forbidden(client, blekinge, people):
    client.force_login(people["initiator"])
    assert client.get(url("meeting_create", blekinge)).status_code == 403
    response = client.post(
        url("meeting_create", blekinge),
        {
            "kind": "dialogue_forum",
            "title": "Försök",
            "starts_at": "2027-02-01T13:00",
            "ends_at": "2027-02-01T14:00",
        },
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_meeting_create_anonymous_is_sent_to_login(client, blekinge):
    response = client.get(url("meeting_create", blekinge))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# The agenda and the actors named


def test_agenda_add_puts_initiative_on_agenda(
    client, blekinge, coordinator, meeting, make_initiative
):
    initiative = make_initiative("samordningsgrupp")
    client.force_login(coordinator)
    response = client.post(
        url("agenda_add", blekinge, meeting.pk), {"agenda-initiative": initiative.pk}
    )
    assert response.status_code == 302
    assert list(meeting.agenda.values_list("initiative", flat=True)) == [initiative.pk]
    html = client.get(url("meeting_detail", blekinge, meeting.pk)).content.decode()
    assert initiative.title in html
    assert AuditEntry.objects.filter(
        action="initiative.put_on_agenda", target_id=str(initiative.pk)
    ).exists()


def test_agenda_add_offers_no_ended_initiative(
    client, blekinge, coordinator, meeting, make_initiative
):
    ended = make_initiative("avslutad", title="Avslutad satsning")
    client.force_login(coordinator)
    html = client.get(url("meeting_detail", blekinge, meeting.pk)).content.decode()
    assert "Avslutad satsning" not in html
    response = client.post(url("agenda_add", blekinge, meeting.pk), {"agenda-initiative": ended.pk})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not meeting.agenda.exists()


def test_name_actors_makes_them_participants_shown_on_initiative_page(
    client, blekinge, coordinator, meeting, make_initiative, karlskrona, regional_org, ronneby
):
    initiative = make_initiative("samordningsgrupp")
    initiative_domain.add_participant(
        initiative,
        karlskrona,
        actor=coordinator,
        operation_area=karlskrona.operation_areas.first(),
    )
    item = domain.add_agenda_item(meeting, initiative, actor=coordinator)
    client.force_login(coordinator)
    response = client.post(
        url("name_actors", blekinge, meeting.pk, item.pk),
        {f"actors-{item.pk}-organisations": [karlskrona.pk, regional_org.pk, ronneby.pk]},
    )
    assert response.status_code == 302
    assert set(item.named_actors.values_list("name", flat=True)) == {
        "Karlskrona",
        "Region Blekinge",
        "Ronneby",
    }
    # Karlskrona took part already (in an operation area) and is not added a second time.
    assert sorted(
        Participant.objects.filter(initiative=initiative).values_list(
            "organisation__name", flat=True
        )
    ) == ["Karlskrona", "Region Blekinge", "Ronneby"]
    entry = AuditEntry.objects.get(action="initiative.actors_named", target_id=str(initiative.pk))
    assert entry.actor == coordinator
    assert sorted(entry.data["added_as_participants"]) == ["Region Blekinge", "Ronneby"]

    client.force_login(coordinator)
    page = client.get(url("detail", blekinge, initiative.pk))
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="meetings"') :]
    assert "Samordningsgruppen december" in section
    assert "2026-12-03" in section
    assert "Karlskrona, Region Blekinge, Ronneby" in section
    assert url("meeting_ics", blekinge, meeting.pk) in section


def test_name_actors_as_initiator_is_forbidden(
    client, blekinge, people, coordinator, meeting, make_initiative, ronneby
):
    item = domain.add_agenda_item(meeting, make_initiative("samordningsgrupp"), actor=coordinator)
    client.force_login(people["initiator"])
    response = client.post(
        url("name_actors", blekinge, meeting.pk, item.pk),
        {f"actors-{item.pk}-organisations": [ronneby.pk]},
    )
    assert response.status_code == 403
    assert not item.named_actors.exists()
    assert not Participant.objects.exists()


# Invitations


def test_invite_for_initiative_invites_by_role_once(
    client, blekinge, people, coordinator, meeting, make_initiative, karlskrona, regional_org
):
    initiative = make_initiative("dialogforum")
    initiative_domain.add_participant(
        initiative,
        karlskrona,
        actor=coordinator,
        contact_name="Kim Karlsson",
        contact_email="kim@karlskrona.example",
    )
    initiative_domain.add_participant(initiative, regional_org, actor=coordinator)
    # A second local coordinator, who also holds the county-coordinator role: invited once.
    both = MembershipFactory(region=blekinge, role="local_coordinator", user__username="lo").user
    MembershipFactory(region=blekinge, role="county_coordinator", user=both)
    client.force_login(coordinator)

    response = client.post(
        url("invite_for_initiative", blekinge, meeting.pk), {"forum-initiative": initiative.pk}
    )
    assert response.status_code == 302
    invited = {(i.role, i.user_id, i.name) for i in meeting.invitations.all()}
    assert invited == {
        (InviteeRole.IDEA_OWNER, people["initiator"].pk, ""),
        (InviteeRole.ACTOR, None, "Kim Karlsson"),
        (InviteeRole.COUNTY_COORDINATOR, coordinator.pk, ""),
        (InviteeRole.COUNTY_COORDINATOR, both.pk, ""),
        (
            InviteeRole.SUICIDE_PREVENTION_COORDINATOR,
            people["suicide_prevention_coordinator"].pk,
            "",
        ),
        (InviteeRole.LOCAL_COORDINATOR, people["local_coordinator"].pk, ""),
        (InviteeRole.USER_ORGANISATION, people["user_organisation_representative"].pk, ""),
    }
    # The participant without a contact person is named in a warning, not invited.
    page = client.get(response.url).content.decode()
    assert "Region Blekinge" in page and "Kim Karlsson" in page

    # Asked again, nobody is invited twice.
    client.post(
        url("invite_for_initiative", blekinge, meeting.pk), {"forum-initiative": initiative.pk}
    )
    assert meeting.invitations.count() == 7


def test_invite_by_name_and_without_name_or_user(client, blekinge, coordinator, meeting):
    client.force_login(coordinator)
    response = client.post(
        url("invite", blekinge, meeting.pk),
        {"invite-role": "analyst", "invite-name": "", "invite-email": "a@example.org"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_invite-name"' in html
    assert 'value="a@example.org"' in html
    assert not Invitation.objects.exists()

    response = client.post(
        url("invite", blekinge, meeting.pk),
        {"invite-role": "analyst", "invite-name": "Ana Lys", "invite-email": "a@example.org"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.name, invitation.role, invitation.email) == (
        "Ana Lys",
        "analyst",
        "a@example.org",
    )


def test_meeting_notes_saved_by_coordinator(client, blekinge, coordinator, meeting):
    client.force_login(coordinator)
    response = client.post(
        url("meeting_notes", blekinge, meeting.pk), {"notes-notes": "Beslut: bjud in FoU."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Beslut: bjud in FoU."
    assert "Beslut: bjud in FoU." in client.get(response.url).content.decode()


# Reading: colleagues, other regions


def test_meeting_detail_as_colleague_shows_no_forms(client, blekinge, people, meeting):
    client.force_login(people["initiator"])
    html = client.get(url("meeting_detail", blekinge, meeting.pk)).content.decode()
    assert "<h1>Samordningsgruppen december</h1>" in html
    assert "Regionhuset, Karlskrona" in html
    assert url("agenda_add", blekinge, meeting.pk) not in html
    assert url("invite", blekinge, meeting.pk) not in html


def test_meeting_of_other_region_is_404(client, charlie, meeting, blekinge, dalarna):
    client.force_login(charlie)
    for name in ["meeting_detail", "meeting_ics"]:
        assert client.get(url(name, blekinge, meeting.pk)).status_code == 404
        # Under the user's own region the id is not found either.
        assert client.get(url(name, dalarna, meeting.pk)).status_code == 404
    assert client.get(url("meetings", blekinge)).status_code == 404
    response = client.post(url("meeting_notes", dalarna, meeting.pk), {"notes-notes": "x"})
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.notes == ""


def test_meetings_list_splits_upcoming_and_past(client, blekinge, coordinator, people, meeting):
    domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.DIALOGUE_FORUM,
        title="Kvalitetscafé 2020",
        starts_at=datetime.datetime(2020, 3, 5, 13, 0, tzinfo=STOCKHOLM),
        ends_at=datetime.datetime(2020, 3, 5, 16, 0, tzinfo=STOCKHOLM),
    )
    client.force_login(people["initiator"])
    html = client.get(url("meetings", blekinge)).content.decode()
    upcoming, past = html.split("<h2>Past meetings</h2>", 1)
    assert "Samordningsgruppen december" in upcoming
    assert "Kvalitetscafé 2020" in past and "2020-03-05" in past
    assert url("meeting_create", blekinge) not in html


# The calendar file


def test_meeting_ics_parses_with_utc_start_and_summary(
    client, blekinge, people, coordinator, meeting, make_initiative
):
    domain.add_agenda_item(meeting, make_initiative("samordningsgrupp"), actor=coordinator)
    client.force_login(people["initiator"])
    response = client.get(url("meeting_ics", blekinge, meeting.pk))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="mote-{meeting.pk}.ics"'
    assert b"DTSTART:20261203T120000Z" in response.content
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC)
    assert str(event["summary"]) == "Samordningsgruppen december"
    assert str(event["location"]) == "Regionhuset, Karlskrona"
    assert "Samtalsstöd för unga vuxna" in str(event["description"])
    uid = str(event["uid"])
    again = Calendar.from_ical(client.get(url("meeting_ics", blekinge, meeting.pk)).content)
    assert str(again.walk("VEVENT")[0]["uid"]) == uid


# Check-ins


def test_check_in_recorded_by_owner_is_shown(client, blekinge, people, make_initiative):
    initiative = make_initiative("dialogforum")
    owner = people["initiator"]
    client.force_login(owner)
    response = client.post(
        url("check_ins", blekinge, initiative.pk),
        {
            "date": "2026-11-20",
            "group": "Ledningsgruppen socialtjänst Karlskrona",
            "notes": "Positiva, vill se budget.",
        },
    )
    assert response["Location"] == f"{url('detail', blekinge, initiative.pk)}#meetings"
    check_in = CheckIn.objects.get(initiative=initiative)
    assert check_in.recorded_by == owner and check_in.date == datetime.date(2026, 11, 20)
    html = client.get(url("check_ins", blekinge, initiative.pk)).content.decode()
    assert "2026-11-20" in html and "Ledningsgruppen socialtjänst Karlskrona" in html
    detail = client.get(url("detail", blekinge, initiative.pk)).content.decode()
    section = detail[detail.index('id="meetings"') :]
    assert "Ledningsgruppen socialtjänst Karlskrona" in section
    assert url("check_ins", blekinge, initiative.pk) in section


def test_check_in_bad_input_keeps_data(client, blekinge, people, make_initiative):
    initiative = make_initiative("dialogforum")
    client.force_login(people["initiator"])
    response = client.post(
        url("check_ins", blekinge, initiative.pk), {"date": "", "group": "Styrgruppen"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_date"' in html and 'value="Styrgruppen"' in html
    assert not CheckIn.objects.exists()


def test_check_in_by_colleague_is_forbidden_but_log_readable(
    client, blekinge, people, make_initiative
):
    initiative = make_initiative("dialogforum")
    client.force_login(people["analyst"])
    assert client.get(url("check_ins", blekinge, initiative.pk)).status_code == 200
    response = client.post(
        url("check_ins", blekinge, initiative.pk), {"date": "2026-11-20", "group": "X"}
    )
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_check_ins_of_other_region_is_404(client, charlie, blekinge, make_initiative):
    initiative = make_initiative("dialogforum")
    client.force_login(charlie)
    assert client.get(url("check_ins", blekinge, initiative.pk)).status_code == 404


# Query counts


def test_meetings_list_query_count_does_not_grow(
    client, blekinge, people, coordinator, make_initiative
):
    initiative = make_initiative("samordningsgrupp")
    client.force_login(people["initiator"])

    def make_meeting(n, *, past=False):
        starts_at = START + datetime.timedelta(days=-400 - n if past else n)
        meeting = domain.create_meeting(
            blekinge,
            actor=coordinator,
            kind=MeetingKind.COORDINATION_GROUP,
            title=f"Möte {n}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        domain.add_agenda_item(meeting, initiative, actor=coordinator)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("meetings", blekinge))
        assert response.status_code == 200
        return len(queries)

    make_meeting(0)
    make_meeting(0, past=True)
    one = count_queries()
    for n in range(1, 50):
        make_meeting(n)
        make_meeting(n, past=True)
    fifty = count_queries()
    assert AgendaItem.objects.count() == 100
    assert one == fifty


def test_initiative_page_meetings_section_query_count_does_not_grow(
    client, blekinge, coordinator, make_initiative, karlskrona
):
    initiative = make_initiative("samordningsgrupp")
    client.force_login(coordinator)

    def add(n):
        starts_at = START + datetime.timedelta(days=n)
        meeting = domain.create_meeting(
            blekinge,
            actor=coordinator,
            kind=MeetingKind.COORDINATION_GROUP,
            title=f"Möte {n}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        item = domain.add_agenda_item(meeting, initiative, actor=coordinator)
        domain.name_actors(item, [karlskrona], actor=coordinator)
        domain.record_check_in(
            initiative, actor=coordinator, date=datetime.date(2026, 1, 1), group=f"Grupp {n}"
        )

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("detail", blekinge, initiative.pk))
        assert response.status_code == 200
        return len(queries)

    add(0)
    one = count_queries()
    for n in range(1, 20):
        add(n)
    assert count_queries() == one


# Domain rules


def test_add_agenda_item_of_other_region_is_refused(
    blekinge, dalarna, coordinator, meeting, charlie
):
    install_workflow(dalarna)
    MembershipFactory(region=dalarna, role="initiator", user=charlie)
    other = initiative_domain.create_initiative(
        dalarna, actor=charlie, organisation=OrganisationFactory(region=dalarna), title="Dalarnas"
    )
    with pytest.raises(ValidationError):
        domain.add_agenda_item(meeting, other, actor=coordinator)
    assert not meeting.agenda.exists()
