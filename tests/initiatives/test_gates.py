import pytest

from pusselbit.initiatives.workflows.engine import TransitionRefused, transition
from pusselbit.initiatives.workflows.gates import GATES
from tests.initiatives.helpers import (
    add_both_kinds,
    assess_everything,
    complete_idea,
    via,
    write_proposal,
)

pytestmark = pytest.mark.django_db


def test_idea_gate_names_missing_fields(people, make_initiative):
    initiative = make_initiative("radgivning")
    unmet = GATES["idea_complete"].check(initiative)
    assert any("Problem eller behov" in u or "problem eller behov" in u for u in unmet)
    complete_idea(initiative, people["initiator"])
    assert GATES["idea_complete"].check(initiative) == []


def test_only_municipal_participants_stop_at_gate_naming_regional(
    people, make_initiative, karlskrona, regional_org
):
    coordinator = people["county_coordinator"]
    initiative = make_initiative("underlag")
    from pusselbit.initiatives import domain

    domain.add_participant(
        initiative, karlskrona, actor=coordinator, operation_area=karlskrona.operation_areas.first()
    )
    domain.add_participant(initiative, regional_org, actor=coordinator)  # no operation area
    assess_everything(initiative, coordinator)
    write_proposal(initiative, coordinator)
    with pytest.raises(TransitionRefused) as refused:
        transition(initiative, via(initiative, "rekommendation"), actor=coordinator)
    assert len(refused.value.unmet) == 1
    assert "regionalt verksamhetsområde" in refused.value.unmet[0]
    initiative.refresh_from_db()
    assert initiative.stage.key == "underlag"


def test_every_gate_before_lsvo_lists_its_conditions(
    people, make_initiative, karlskrona, regional_org
):
    coordinator = people["county_coordinator"]
    initiative = make_initiative("underlag")
    with pytest.raises(TransitionRefused) as refused:
        transition(initiative, via(initiative, "rekommendation"), actor=coordinator)
    text = " ".join(refused.value.unmet).lower()
    for needle in ["kommunalt", "regionalt", "kriterier", "beredningssteg", "underlag"]:
        assert needle in text
    add_both_kinds(initiative, coordinator, karlskrona, regional_org)
    assess_everything(initiative, coordinator)
    write_proposal(initiative, coordinator)
    transition(initiative, via(initiative, "rekommendation"), actor=coordinator)
    assert initiative.stage.key == "rekommendation"


def test_criteria_gate_needs_every_criterion_motivated(people, make_initiative):
    from pusselbit.initiatives import domain

    initiative = make_initiative("underlag")
    domain.assess_criterion(
        initiative, "proactive", "partly_met", "Delvis.", actor=people["county_coordinator"]
    )
    (message,) = GATES["criteria_assessed"].check(initiative)
    assert "utanförskap" in message


def test_proposal_gate_needs_measure_budget_plans_and_confirmation(people, make_initiative):
    from pusselbit.initiatives import domain

    initiative = make_initiative("underlag")
    assert GATES["proposal_complete"].check(initiative)
    domain.update_proposal(
        initiative, actor=people["county_coordinator"], expected_version=1, evaluation_plan="x"
    )
    unmet = GATES["proposal_complete"].check(initiative)
    assert len(unmet) == 4  # measure, budget, two plans, confirmation (plans in one sentence)
    write_proposal(initiative, people["county_coordinator"])
    assert GATES["proposal_complete"].check(initiative) == []


def test_implementation_decision_needs_recommendation_and_review(people, make_initiative):
    initiative = make_initiative("implementering")
    (recommend,) = [t for t in initiative.stage.outgoing.all() if t.outcome == "recommend"]
    with pytest.raises(TransitionRefused, match="resurser"):
        transition(initiative, recommend, actor=people["lsvo_member"])
    decide = via(initiative, "avslutad", "approved")
    with pytest.raises(TransitionRefused, match="rekommendation"):
        transition(initiative, decide, actor=people["regional_director"])


def test_submitting_idea_needs_complete_template(people, make_initiative):
    initiative = make_initiative("radgivning")
    with pytest.raises(TransitionRefused):
        transition(initiative, via(initiative, "inskickad"), actor=people["initiator"])
    complete_idea(initiative, people["initiator"])
    transition(initiative, via(initiative, "inskickad"), actor=people["initiator"])
    assert initiative.stage.key == "inskickad"
