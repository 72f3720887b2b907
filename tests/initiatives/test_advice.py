"""The county coordinator's advice on an idea (step 2): a recorded entry, never edited, that the
initiator reads on the initiative page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.models import AuditEntry, OutgoingMail
from pusselbit.funds.models import Agreement, RegionFunds
from pusselbit.initiatives import domain
from pusselbit.initiatives.models import Advice
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(name, initiative):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk])


def advise(initiative, actor, **fields):
    return domain.give_advice(
        initiative,
        actor=actor,
        **{"fits_agreement": "yes", "next_step": "submit_idea", **fields},
    )


@pytest.fixture
def ok_2020(blekinge):
    """ÖK 2020 with Blekinge funded for suicide prevention only."""
    agreement = Agreement.objects.create(
        name="ÖK 2020",
        full_name="Överenskommelse 2020",
        year=2020,
        use_by=datetime.date(2021, 6, 30),
    )
    RegionFunds.objects.create(
        agreement=agreement,
        region=blekinge,
        direction=Direction.objects.get(code="suicidprevention"),
        amount=Decimal("1000000.00"),
    )
    return agreement


def test_give_advice_records_an_entry_audits_it_and_mails_the_owner(
    people, make_initiative, karlskrona, regional_org, ok_2020
):
    initiative = make_initiative("radgivning")
    initiative.owner.email = "initiativtagare@example.org"
    initiative.owner.save()
    coordinator = people["county_coordinator"]

    entry = advise(
        initiative,
        coordinator,
        fits_agreement="partly",
        fit_note=" Suicidprevention ja, men inte drift. ",
        agreement=ok_2020,
        priority_areas=PriorityArea.objects.filter(code="tidiga-insatser"),
        directions=Direction.objects.filter(code="suicidprevention"),
        suggested_actors=[regional_org],
        advice="Koppla på vuxenpsykiatrin.",
        next_step="contact_actors",
    )

    assert entry.stage.key == "radgivning" and entry.recorded_by == coordinator
    assert entry.fit_note == "Suicidprevention ja, men inte drift."
    assert list(entry.suggested_actors.all()) == [regional_org]
    assert [d.code for d in entry.directions.all()] == ["suicidprevention"]
    audit = AuditEntry.objects.get(action="initiative.advice_given")
    assert audit.actor == coordinator and audit.target_id == str(initiative.pk)
    mail = OutgoingMail.objects.get()
    assert mail.to == ["initiativtagare@example.org"] and initiative.title in mail.subject
    assert f"/satsningar/{initiative.pk}/#advice" in mail.body


def test_new_advice_is_a_new_entry_and_the_earlier_is_never_edited(people, make_initiative):
    initiative = make_initiative("radgivning")
    coordinator = people["county_coordinator"]
    first = advise(initiative, coordinator, fits_agreement="no", fit_note="Ordinarie drift.")
    advise(initiative, coordinator, advice="Efter omarbetningen stämmer idén.")

    assert initiative.advice_entries.count() == 2
    first.advice = "ändrat i efterhand"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()
    assert Advice.objects.get(pk=first.pk).advice == ""


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"fits_agreement": "partly"}, "fit_note"),
        ({"fits_agreement": "no", "fit_note": "  "}, "fit_note"),
        ({"next_step": "other"}, "next_step_note"),
    ],
)
def test_advice_without_its_explanation_is_refused(people, make_initiative, fields, field):
    initiative = make_initiative("radgivning")
    with pytest.raises(ValidationError) as refused:
        advise(initiative, people["county_coordinator"], **fields)
    assert field in refused.value.message_dict
    assert not Advice.objects.exists()
    assert not AuditEntry.objects.filter(action="initiative.advice_given").exists()


def test_advice_naming_another_regions_actor_or_an_unfunded_direction_is_refused(
    people, make_initiative, dalarna, ok_2020
):
    initiative = make_initiative("radgivning")
    falun = OrganisationFactory(region=dalarna, name="Falun")
    with pytest.raises(ValidationError) as refused:
        advise(
            initiative,
            people["county_coordinator"],
            suggested_actors=[falun],
            agreement=ok_2020,
            directions=Direction.objects.filter(code="brukarmedverkan"),
        )
    assert set(refused.value.message_dict) == {"suggested_actors", "directions"}
    assert "Falun" in refused.value.message_dict["suggested_actors"][0]
    assert not Advice.objects.exists()


@pytest.mark.parametrize("role", ["initiator", "local_coordinator", "lsvo_member"])
def test_only_a_county_coordinator_gives_advice(people, make_initiative, role):
    initiative = make_initiative("radgivning")
    with pytest.raises(PermissionDenied):
        advise(initiative, people[role])
    assert not Advice.objects.exists()


def test_advice_page_records_advice_that_the_initiator_reads(
    client, people, make_initiative, regional_org
):
    initiative = make_initiative("radgivning")
    client.force_login(people["county_coordinator"])
    form = client.get(url("advice", initiative)).context["form"]
    response = client.post(
        url("advice", initiative),
        {
            "submission": form.initial["submission"],
            "fits_agreement": "yes",
            "fit_note": "Ligger rätt i suicidpreventionen.",
            "suggested_actors": [regional_org.pk],
            "advice": "Bjud in brukarföreningen tidigt.",
            "next_step": "submit_idea",
        },
    )
    assert response.status_code == 302
    assert response.url == url("detail", initiative) + "#advice"

    client.force_login(people["initiator"])
    html = client.get(url("detail", initiative)).content.decode()
    advice = html[html.index('id="advice"') : html.index('id="idea"')]
    assert "Bjud in brukarföreningen tidigt." in advice
    assert "Ligger rätt i suicidpreventionen." in advice
    assert regional_org.name in advice and "Fyll i och skicka in idébeskrivningen" in advice
    assert url("advice", initiative) not in html  # the initiator reads, does not give advice
    history = html[html.index('id="history"') :]
    assert "gav råd: Stämmer" in history


def test_advice_sent_twice_is_recorded_once(client, people, make_initiative):
    initiative = make_initiative("radgivning")
    client.force_login(people["county_coordinator"])
    form = client.get(url("advice", initiative)).context["form"]
    data = {
        "submission": form.initial["submission"],
        "fits_agreement": "yes",
        "next_step": "submit_idea",
    }
    assert client.post(url("advice", initiative), data).status_code == 302
    assert client.post(url("advice", initiative), data).status_code == 302
    assert Advice.objects.count() == 1


def test_advice_page_with_errors_keeps_what_was_typed(client, people, make_initiative):
    initiative = make_initiative("radgivning")
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("advice", initiative),
        {
            "fits_agreement": "no",
            "advice": "Mina råd som inte får försvinna.",
            "next_step": "other",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Advice.objects.exists()
    assert 'href="#id_fit_note"' in html and 'href="#id_next_step_note"' in html
    assert "Mina råd som inte får försvinna." in html


def test_advice_page_starts_from_the_idea_and_the_advice_stage(
    client, people, make_initiative, ok_2020
):
    initiative = make_initiative(
        "radgivning", priority_areas=PriorityArea.objects.filter(code="ledning")
    )
    client.force_login(people["county_coordinator"])
    form = client.get(url("advice", initiative)).context["form"]
    assert form.initial["agreement"] == ok_2020.pk
    assert [a.code for a in form.initial["priority_areas"]] == ["ledning"]
    assert form.initial["next_step"] == "submit_idea"


def test_advice_page_refuses_others(client, people, charlie, make_initiative):
    initiative = make_initiative("radgivning")
    client.force_login(people["initiator"])
    assert client.get(url("advice", initiative)).status_code == 403
    client.force_login(charlie)
    response = client.get(url("advice", initiative))
    assert response.status_code == 404 and initiative.title not in response.content.decode()
    client.logout()
    assert client.get(url("advice", initiative)).status_code == 302


def test_advice_comes_first_in_the_advice_stage_only(client, people, make_initiative):
    client.force_login(people["county_coordinator"])
    asking = client.get(url("detail", make_initiative("radgivning"))).content.decode()
    assert asking.index('id="advice"') < asking.index('id="idea"')
    later = client.get(url("detail", make_initiative("underlag"))).content.decode()
    assert later.index('id="idea"') < later.index('id="advice"')
