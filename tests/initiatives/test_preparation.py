"""The five preparation steps on one form: saved at once, a date in the future refused next to
its field, what was typed kept, and one audit entry per step that changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives import domain
from pusselbit.initiatives.enums import PreparationStep
from pusselbit.initiatives.workflows.gates import GATES

pytestmark = pytest.mark.django_db

STEPS = list(PreparationStep)


def url(name, initiative):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk])


def today():
    return timezone.localdate()


def done_entries():
    return AuditEntry.objects.filter(action="initiative.preparation_done")


def every_step(day, note="Klart vid arbetsmötet."):
    data = {}
    for step in STEPS:
        data[f"{step.value}_done_on"] = day.isoformat()
        data[f"{step.value}_note"] = note
    return data


def test_record_preparation_saves_every_step_and_audits_each(people, make_initiative):
    initiative = make_initiative("underlag")
    yesterday = today() - datetime.timedelta(days=1)

    saved = domain.record_preparation(
        initiative, [(s, yesterday, " Klart. ") for s in STEPS], actor=people["initiator"]
    )

    assert len(saved) == 5 and done_entries().count() == 5
    assert set(initiative.preparation_records.values_list("note", flat=True)) == {"Klart."}
    assert GATES["preparation_done"].check(initiative) == []


def test_record_preparation_skips_what_is_unchanged(people, make_initiative):
    initiative = make_initiative("underlag")
    coordinator = people["county_coordinator"]
    domain.record_preparation(initiative, [(STEPS[0], today(), "Ja")], actor=coordinator)

    saved = domain.record_preparation(
        initiative, [(STEPS[0], today(), "Ja"), (STEPS[1], today(), "")], actor=coordinator
    )

    assert [r.step for r in saved] == [STEPS[1].value]
    assert done_entries().count() == 2


def test_a_future_date_saves_no_step(people, make_initiative):
    initiative = make_initiative("underlag")
    tomorrow = today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        domain.record_preparation(
            initiative,
            [(STEPS[0], today(), ""), (STEPS[3], tomorrow, "")],
            actor=people["county_coordinator"],
        )

    assert list(refused.value.message_dict) == [f"{STEPS[3].value}_done_on"]
    assert not initiative.preparation_records.exists() and not done_entries().exists()
    with pytest.raises(ValidationError):
        domain.record_preparation_step(
            initiative, STEPS[0], actor=people["county_coordinator"], done_on=tomorrow
        )


def test_preparation_is_refused_to_a_colleague(people, make_initiative):
    initiative = make_initiative("underlag")
    with pytest.raises(PermissionDenied):
        domain.record_preparation(initiative, [(STEPS[0], today(), "")], actor=people["analyst"])


def test_one_form_saves_all_five_and_returns_to_the_section(client, people, make_initiative):
    initiative = make_initiative("underlag")
    client.force_login(people["county_coordinator"])

    response = client.post(url("preparation", initiative), every_step(today()))

    assert response.status_code == 302
    assert response.url == url("detail", initiative) + "#preparation"
    assert initiative.preparation_records.count() == 5 and done_entries().count() == 5
    html = client.get(response.url).content.decode()
    section = html[html.index('id="preparation"') : html.index('id="proposal"')]
    assert section.count(today().isoformat()) == 5 and "Klart vid arbetsmötet." in section


def test_the_form_shows_what_is_done(client, people, make_initiative):
    initiative = make_initiative("underlag")
    earlier = today() - datetime.timedelta(days=3)
    domain.record_preparation(
        initiative, [(STEPS[2], earlier, "Evidens")], actor=people["county_coordinator"]
    )
    client.force_login(people["initiator"])
    html = client.get(url("preparation", initiative)).content.decode()
    assert f'value="{earlier.isoformat()}"' in html and "Evidens" in html


def test_future_date_is_refused_next_to_its_field_and_typing_kept(client, people, make_initiative):
    initiative = make_initiative("underlag")
    client.force_login(people["initiator"])
    tomorrow = today() + datetime.timedelta(days=1)
    data = every_step(today(), note="Det jag skrev.")
    data[f"{STEPS[4].value}_done_on"] = tomorrow.isoformat()

    response = client.post(url("preparation", initiative), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{STEPS[4].value}_done_on"' in html
    assert "framtiden" in html
    assert f'value="{tomorrow.isoformat()}"' in html and html.count("Det jag skrev.") == 5
    assert not initiative.preparation_records.exists()


def test_a_done_step_cannot_be_emptied_and_a_note_needs_a_date(client, people, make_initiative):
    initiative = make_initiative("underlag")
    domain.record_preparation(
        initiative, [(STEPS[0], today(), "")], actor=people["county_coordinator"]
    )
    client.force_login(people["county_coordinator"])

    response = client.post(
        url("preparation", initiative),
        {f"{STEPS[0].value}_done_on": "", f"{STEPS[1].value}_note": "Utan datum"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{STEPS[0].value}_done_on"' in html
    assert f'href="#id_{STEPS[1].value}_done_on"' in html
    assert initiative.preparation_records.count() == 1


def test_preparation_page_refuses_others(client, people, charlie, make_initiative):
    initiative = make_initiative("underlag")
    client.force_login(people["analyst"])
    assert client.get(url("preparation", initiative)).status_code == 403
    client.force_login(charlie)
    response = client.post(url("preparation", initiative), every_step(today()))
    assert response.status_code == 404 and not initiative.preparation_records.exists()
