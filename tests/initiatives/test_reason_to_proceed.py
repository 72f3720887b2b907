"""A criterion assessed as not met stops the way to LSVO, unless a county coordinator records a
reason to proceed, which LSVO then reads."""

import datetime
import importlib

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives import domain
from pusselbit.initiatives.enums import Criterion
from pusselbit.initiatives.models import ReasonToProceed
from pusselbit.initiatives.workflows import default
from pusselbit.initiatives.workflows.engine import TransitionRefused, transition
from tests.initiatives.helpers import add_both_kinds, assess_everything, via, write_proposal

pytestmark = pytest.mark.django_db


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk, *args])


@pytest.fixture
def ready(people, make_initiative, karlskrona, regional_org):
    """A proposal that passes every gate before LSVO, with one criterion assessed as not met."""
    coordinator = people["county_coordinator"]
    initiative = make_initiative("underlag")
    add_both_kinds(initiative, coordinator, karlskrona, regional_org)
    assess_everything(initiative, coordinator)
    write_proposal(initiative, coordinator)
    domain.assess_criterion(
        initiative, Criterion.DAMPEN_COSTS, "not_met", "Ingen kalkyl ännu.", actor=coordinator
    )
    return initiative


def to_lsvo(initiative, actor):
    return transition(initiative, via(initiative, "rekommendation"), actor=actor)


def test_the_default_way_to_lsvo_has_the_gate():
    (send,) = [t for t in default.TRANSITIONS if t[0] == "underlag" and t[1] == "rekommendation"]
    assert "criteria_not_met_reasoned" in send[-1]


def test_not_met_criterion_stops_the_way_to_lsvo_with_a_clear_message(people, ready):
    with pytest.raises(TransitionRefused) as refused:
        to_lsvo(ready, people["county_coordinator"])
    (message,) = refused.value.unmet
    assert "Dämpar framtida kostnadsutveckling" in message and "skäl" in message
    ready.refresh_from_db()
    assert ready.stage.key == "underlag"


def test_reason_to_proceed_opens_the_way_and_is_audited(people, ready):
    coordinator = people["county_coordinator"]
    reason = domain.record_reason_to_proceed(
        ready, " Kalkylen tas fram under första året. ", actor=coordinator
    )

    assert reason.criteria == ["dampen_costs"] and reason.reason.startswith("Kalkylen")
    entry = AuditEntry.objects.get(action="initiative.reason_to_proceed")
    assert entry.actor == coordinator and "kostnadsutveckling" in entry.data["criteria"]
    to_lsvo(ready, coordinator)
    assert ready.stage.key == "rekommendation"


def test_a_criterion_assessed_not_met_after_the_reason_needs_a_new_one(people, ready):
    coordinator = people["county_coordinator"]
    domain.record_reason_to_proceed(ready, "Kalkylen kommer.", actor=coordinator)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        domain.assess_criterion(
            ready, Criterion.NEW_WAYS, "not_met", "Beprövat sedan länge.", actor=coordinator
        )

        with pytest.raises(TransitionRefused) as refused:
            to_lsvo(ready, coordinator)
        (message,) = refused.value.unmet
        assert "nya arbetssätt" in message and "kostnadsutveckling" not in message

        domain.record_reason_to_proceed(ready, "Båda motiveras i underlaget.", actor=coordinator)
        to_lsvo(ready, coordinator)
    assert ready.stage.key == "rekommendation"


def test_no_reason_is_taken_without_a_criterion_not_met_or_from_others(people, make_initiative):
    initiative = make_initiative("underlag")
    with pytest.raises(ValidationError) as refused:
        domain.record_reason_to_proceed(initiative, "Ändå.", actor=people["county_coordinator"])
    assert "reason_to_proceed" in refused.value.message_dict
    domain.assess_criterion(
        initiative, Criterion.PROACTIVE, "not_met", "Nej.", actor=people["county_coordinator"]
    )
    for role in ["initiator", "lsvo_member", "local_coordinator"]:
        with pytest.raises(PermissionDenied):
            domain.record_reason_to_proceed(initiative, "Ändå.", actor=people[role])
    assert not ReasonToProceed.objects.exists()


def test_criteria_page_records_the_reason_with_the_assessment(client, people, make_initiative):
    initiative = make_initiative("underlag")
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("criteria", initiative),
        {
            "proactive_assessment": "not_met",
            "proactive_motivation": "Symtominriktat.",
            "reason_to_proceed": "Styrgruppen följer det första halvåret.",
        },
    )
    assert response.status_code == 302
    (reason,) = ReasonToProceed.objects.all()
    assert reason.criteria == ["proactive"]
    html = client.get(url("detail", initiative)).content.decode()
    assert "Styrgruppen följer det första halvåret." in html


def test_criteria_page_refuses_a_reason_with_nothing_not_met_and_keeps_it(
    client, people, make_initiative
):
    initiative = make_initiative("underlag")
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("criteria", initiative),
        {
            "proactive_assessment": "met",
            "proactive_motivation": "Förebyggande.",
            "reason_to_proceed": "Ett skäl som inte behövs.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_reason_to_proceed"' in html
    assert "Ett skäl som inte behövs." in html
    assert not ReasonToProceed.objects.exists() and not initiative.criterion_assessments.exists()


def test_lsvo_reads_the_reason_beside_the_criteria_not_met(client, people, ready):
    coordinator = people["county_coordinator"]
    domain.record_reason_to_proceed(ready, "Kalkylen tas fram under år ett.", actor=coordinator)
    to_lsvo(ready, coordinator)
    client.force_login(people["lsvo_member"])
    recommend = via(ready, "beslut", "recommend")

    html = client.get(url("recommend", ready, recommend.pk)).content.decode()

    assert "Kalkylen tas fram under år ett." in html
    assert "Ingen kalkyl ännu." in html  # the criterion's own motivation
    criteria = client.get(url("detail", ready)).content.decode()
    criteria = criteria[criteria.index('id="criteria"') : criteria.index('id="proposal"')]
    assert "Kalkylen tas fram under år ett." in criteria


def test_migration_gives_installed_workflows_the_gate_and_the_advice_flag(workflow):
    """A region's workflow installed before 0004 (without the gate and the flag) gets both,
    once; a transition without the criteria gate is left as it is."""
    from django.apps import apps

    migration = importlib.import_module("pusselbit.initiatives.migrations.0005_advice")
    send = via_key(workflow, "underlag", "rekommendation")
    send.gates = [g for g in send.gates if g != "criteria_not_met_reasoned"]
    send.save()
    workflow.stages.update(advice=False)

    migration.regions_existing_workflows(apps, None)
    migration.regions_existing_workflows(apps, None)

    send.refresh_from_db()
    assert send.gates.count("criteria_not_met_reasoned") == 1
    assert (
        send.gates.index("criteria_not_met_reasoned") == send.gates.index("criteria_assessed") + 1
    )
    assert list(workflow.stages.filter(advice=True).values_list("key", flat=True)) == ["radgivning"]
    assert via_key(workflow, "ide", "radgivning").gates == []


def via_key(workflow, source, target):
    return workflow.transitions.get(source__key=source, target__key=target)
