"""Participants of an initiative, on one page: every participant editable in its row (a named
actor given its contact later), removed by ticking its box, and new ones added in blank rows,
all saved with one press; a duplicate is refused next to its field, and then nothing is saved."""

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
from tests.initiatives.helpers import page_form
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 12, 3, 13, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk, *args])


def post_rows(client, initiative, **fields):
    """The participants page's form as it stands, with `fields` typed into its rows."""
    data = page_form(client, url("participants", initiative))
    return client.post(url("participants", initiative), data | fields)


def test_adding_a_participant_twice_is_refused_next_to_the_field(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    with nothing_written():
        response = post_rows(
            client,
            initiative,
            **{"participant-1-organisation": karlskrona.pk, "participant-1-contact_name": "Anna"},
        )
    assert response.status_code == 200
    row = response.context["rows"].forms[1]
    assert "takes part already" in " ".join(row.errors["organisation"])
    html = response.content.decode()
    assert 'value="Anna"' in html and 'href="#id_participant-1-organisation"' in html
    assert initiative.participants.get().contact_name == ""


def test_two_participants_are_added_with_one_press(
    client, people, make_initiative, karlskrona, regional_org
):
    initiative = make_initiative()
    client.force_login(people["county_coordinator"])
    response = post_rows(
        client,
        initiative,
        **{
            "participant-0-organisation": karlskrona.pk,
            "participant-0-operation_area": karlskrona.operation_areas.get().pk,
            "participant-0-contact_name": "Erik Eriksson",
            "participant-1-organisation": regional_org.pk,
            "participant-1-new_operation_area": "Barn- och ungdomspsykiatri",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#participants")
    assert sorted(str(p) for p in initiative.participants.all()) == [
        "Karlskrona: Individ- och familjeomsorg",
        "Region Blekinge: Barn- och ungdomspsykiatri",
    ]
    assert AuditEntry.objects.filter(action="initiative.participant_added").count() == 2


def test_a_refused_row_adds_no_other_row(client, people, make_initiative, karlskrona, regional_org):
    initiative = make_initiative()
    client.force_login(people["county_coordinator"])
    with nothing_written():
        response = post_rows(
            client,
            initiative,
            **{
                "participant-0-organisation": regional_org.pk,
                "participant-1-organisation": karlskrona.pk,
                "participant-1-new_operation_area": "individ- och familjeomsorg",
            },
        )
    assert response.status_code == 200
    row = response.context["rows"].forms[1]
    assert "already has that operation area" in " ".join(row.errors["new_operation_area"])
    assert not initiative.participants.exists()


def test_editing_a_participant_changes_contact_and_area_and_audits(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    area = karlskrona.operation_areas.get()
    client.force_login(people["county_coordinator"])
    response = post_rows(
        client,
        initiative,
        **{
            "participant-0-operation_area": area.pk,
            "participant-0-contact_name": "Anna Berg",
            "participant-0-contact_email": "anna@ex.se",
        },
    )
    assert response.status_code == 302
    participant = initiative.participants.get()
    assert (participant.operation_area, participant.contact_name) == (area, "Anna Berg")
    entry = AuditEntry.objects.get(action="initiative.participant_changed")
    assert entry.actor == people["county_coordinator"]
    assert entry.data["changed"]["contact_name"] == ["", "Anna Berg"]


def test_editing_a_participant_with_a_bad_email_keeps_input(
    client, people, make_initiative, karlskrona
):
    initiative = make_initiative()
    domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    response = post_rows(
        client,
        initiative,
        **{"participant-0-contact_name": "Anna Berg", "participant-0-contact_email": "inte-en"},
    )
    assert response.status_code == 200
    assert "contact_email" in response.context["rows"].forms[0].errors
    assert 'value="Anna Berg"' in response.content.decode()


def test_editing_is_forbidden_to_a_colleague(client, people, make_initiative, karlskrona):
    initiative = make_initiative()
    domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["analyst"])
    assert client.get(url("participants", initiative)).status_code == 403
    with nothing_written():
        response = client.post(
            url("participants", initiative),
            {"participant-TOTAL_FORMS": "1", "participant-INITIAL_FORMS": "1"},
        )
    assert response.status_code == 403


def test_a_ticked_participant_is_removed_on_saving(client, people, make_initiative, karlskrona):
    initiative = make_initiative()
    participant = domain.add_participant(initiative, karlskrona, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    page = client.get(url("participants", initiative)).content.decode()
    assert "Remove this participant" in page
    assert Participant.objects.filter(pk=participant.pk).exists()
    response = post_rows(client, initiative, **{"participant-0-DELETE": "on"})
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert AuditEntry.objects.get(action="initiative.participant_removed")


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
    assert "<legend>Region Blekinge</legend>" in page
    post_rows(
        client,
        initiative,
        **{
            "participant-0-contact_name": "Per Holm",
            "participant-0-contact_email": "per@regionblekinge.se",
        },
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


def test_the_participants_page_reads_in_a_fixed_number_of_queries(
    client, people, make_initiative, blekinge
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    initiative = make_initiative()
    client.force_login(people["county_coordinator"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("participants", initiative))
        assert response.status_code == 200
        return len(queries)

    first = OrganisationFactory(region=blekinge, code="1082", name="Karlshamn")
    domain.add_participant(initiative, first, actor=people["county_coordinator"])
    one = count()
    for n in range(4):
        organisation = OrganisationFactory(region=blekinge, code=f"108{n + 3}", name=f"Kommun {n}")
        organisation.operation_areas.create(name="Socialtjänst")
        domain.add_participant(initiative, organisation, actor=people["county_coordinator"])
    html = client.get(url("participants", initiative)).content.decode()
    assert count() == one
    assert "Kommun 3: Socialtjänst" in html  # a blank row offers every area, named by its owner
