"""Participants of an initiative: a duplicate is refused, a participant is edited (a named actor
given its contact later), and removal asks first."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain import meetings as meeting_domain
from pusselbit.initiatives.enums import MeetingKind
from pusselbit.initiatives.models import Participant
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 12, 3, 13, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk, *args])


def test_adding_a_participant_twice_is_refused_next_to_the_field(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("participants", initiative),
        {"organisation": karlskrona.pk, "contact_name": "Anna Berg"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "takes part already" in " ".join(form.errors["organisation"])
    assert form["contact_name"].value() == "Anna Berg"
    assert "The participant is added." not in response.content.decode()
    assert initiative.participants.get().contact_name == ""


def test_editing_a_participant_changes_contact_and_area_and_audits(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    participant = domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    area = karlskrona.operation_areas.get()
    client.force_login(people["county_coordinator"])
    page = client.get(url("participants", initiative)).content.decode()
    assert url("edit_participant", initiative, participant.pk) in page
    response = client.post(
        url("edit_participant", initiative, participant.pk),
        {"operation_area": area.pk, "contact_name": "Anna Berg", "contact_email": "anna@ex.se"},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.operation_area, participant.contact_name) == (area, "Anna Berg")
    entry = AuditEntry.objects.get(action="initiative.participant_changed")
    assert entry.actor == people["county_coordinator"]
    assert entry.data["changed"]["contact_name"] == ["", "Anna Berg"]


def test_editing_a_participant_with_a_bad_email_keeps_input(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    participant = domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("edit_participant", initiative, participant.pk),
        {"contact_name": "Anna Berg", "contact_email": "inte-en-adress"},
    )
    assert response.status_code == 200
    assert "contact_email" in response.context["form"].errors
    assert 'value="Anna Berg"' in response.content.decode()


def test_editing_is_forbidden_to_a_colleague(client, people, make_initiative, karlskrona):
    initiative = make_initiative()
    participant = domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["analyst"])
    assert client.get(url("edit_participant", initiative, participant.pk)).status_code == 403
    assert client.get(url("remove_participant", initiative, participant.pk)).status_code == 403


def test_removal_asks_first_and_removes_on_confirmation(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    participant = domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    page = client.get(url("remove_participant", initiative, participant.pk))
    assert page.status_code == 200
    assert "Remove Karlskrona?" in page.content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()
    response = client.post(url("remove_participant", initiative, participant.pk))
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_a_named_actor_is_given_a_contact_later(
    client, people, make_initiative, regional_org, blekinge
):
    coordinator = people["county_coordinator"]
    initiative = make_initiative("samordningsgrupp")
    meeting = meeting_domain.create_meeting(
        blekinge,
        actor=coordinator,
        kind=MeetingKind.COORDINATION_GROUP,
        title="Samordningsgruppen",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
    )
    item = meeting_domain.add_agenda_item(meeting, initiative, actor=coordinator)
    meeting_domain.name_actors(item, [regional_org], actor=coordinator)
    participant = initiative.participants.get(organisation=regional_org)
    client.force_login(coordinator)
    page = client.get(url("participants", initiative)).content.decode()
    assert "Add a contact for Region Blekinge" in page
    client.post(
        url("edit_participant", initiative, participant.pk),
        {"contact_name": "Per Holm", "contact_email": "per@regionblekinge.se"},
    )
    participant.refresh_from_db()
    assert participant.contact_email == "per@regionblekinge.se"


def test_add_participant_with_a_new_operation_area_adds_both(people, make_initiative, karlskrona):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]

    participant = domain.add_participant(
        initiative, karlskrona, actor=coordinator, new_operation_area=" Barn- och ungdomsvård "
    )

    assert participant.operation_area.name == "Barn- och ungdomsvård"
    assert participant.operation_area.organisation == karlskrona
    assert AuditEntry.objects.get(action="operation_area.added").actor == coordinator
    assert AuditEntry.objects.get(action="initiative.participant_added").actor == coordinator


def test_add_participant_refused_after_its_new_area_leaves_no_area(
    people, make_initiative, karlskrona, dalarna
):
    initiative = make_initiative()
    elsewhere = OrganisationFactory(region=dalarna, code="2080", name="Falun")

    with pytest.raises(ValidationError) as refused:
        domain.add_participant(
            initiative, elsewhere, actor=people["county_coordinator"], new_operation_area="IFO"
        )

    assert "organisation" in refused.value.message_dict
    assert not elsewhere.operation_areas.exists()
    assert not initiative.participants.exists()
    assert not AuditEntry.objects.filter(action="operation_area.added").exists()


def test_add_participant_refused_as_duplicate_leaves_no_new_area(
    people, make_initiative, karlskrona
):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]
    area = karlskrona.operation_areas.get()
    domain.add_participant(initiative, karlskrona, actor=coordinator, operation_area=area)

    with pytest.raises(ValidationError) as refused:
        domain.add_participant(
            initiative,
            karlskrona,
            actor=coordinator,
            operation_area=area,
            new_operation_area="Vuxenpsykiatri",
        )

    assert "new_operation_area" in refused.value.message_dict
    assert list(karlskrona.operation_areas.all()) == [area]
    assert initiative.participants.count() == 1


def test_a_new_operation_area_already_there_is_refused_next_to_its_field(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    client.force_login(people["county_coordinator"])

    response = client.post(
        url("participants", initiative),
        {"organisation": karlskrona.pk, "new_operation_area": "individ- och familjeomsorg"},
    )

    assert response.status_code == 200
    assert "already has that operation area" in " ".join(
        response.context["form"].errors["new_operation_area"]
    )
    assert not initiative.participants.exists()
    assert karlskrona.operation_areas.count() == 1


def test_change_participant_to_a_new_operation_area_adds_it(people, make_initiative, karlskrona):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]
    participant = domain.add_participant(initiative, karlskrona, actor=coordinator)

    changed = domain.change_participant(
        participant, actor=coordinator, new_operation_area="Äldreomsorg", contact_name="Eva"
    )

    assert changed.operation_area.name == "Äldreomsorg"
    entry = AuditEntry.objects.get(action="initiative.participant_changed")
    assert entry.data["changed"]["operation_area"] == ["", "Karlskrona: Äldreomsorg"]


def test_participant_the_database_refuses_takes_its_new_area_with_it(
    people, make_initiative, karlskrona
):
    initiative = make_initiative()

    # contact_name=None breaks the participant row's NOT NULL, after the area is written.
    with pytest.raises(IntegrityError):
        domain.add_participant(
            initiative,
            karlskrona,
            actor=people["county_coordinator"],
            new_operation_area="Äldreomsorg",
            contact_name=None,
        )

    assert karlskrona.operation_areas.count() == 1
    assert not AuditEntry.objects.filter(action="operation_area.added").exists()


def test_change_participant_with_both_an_area_and_a_new_one_is_refused(
    people, make_initiative, karlskrona
):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]
    area = karlskrona.operation_areas.get()
    participant = domain.add_participant(initiative, karlskrona, actor=coordinator)

    with pytest.raises(ValidationError) as refused:
        domain.change_participant(
            participant, actor=coordinator, operation_area=area, new_operation_area="Äldreomsorg"
        )

    assert "new_operation_area" in refused.value.message_dict
    assert list(karlskrona.operation_areas.all()) == [area]
    participant.refresh_from_db()
    assert participant.operation_area is None
