"""The whole default workflow, and every transition for an allowed and a refused role."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from pusselbit.initiatives import domain
from pusselbit.initiatives.document import decision_document
from pusselbit.initiatives.enums import DecisionExtent
from pusselbit.initiatives.models import Decision, StageChange, Transition
from pusselbit.initiatives.workflows import default
from pusselbit.initiatives.workflows.engine import (
    TransitionRefused,
    available_transitions,
    transition,
)
from tests.initiatives.helpers import (
    TODAY,
    add_both_kinds,
    assess_everything,
    complete_idea,
    via,
    write_proposal,
)

pytestmark = pytest.mark.django_db


def test_whole_default_workflow_by_the_seeds_roles(
    people, make_initiative, karlskrona, regional_org, django_capture_on_commit_callbacks
):
    initiator, coordinator = people["initiator"], people["county_coordinator"]
    initiative = make_initiative()
    assert initiative.stage.key == "ide"
    complete_idea(initiative, initiator)
    with django_capture_on_commit_callbacks(execute=True):
        transition(initiative, via(initiative, "radgivning"), actor=initiator)
    assert "ble-county_coordinator@example.org" in [m.to[0] for m in mail.outbox]
    transition(initiative, via(initiative, "inskickad"), actor=initiator, comment="Klar")
    assert initiative.submitted_at is not None
    transition(initiative, via(initiative, "samordningsgrupp"), actor=coordinator)
    transition(
        initiative, via(initiative, "dialogforum"), actor=people["coordination_group_member"]
    )
    transition(initiative, via(initiative, "malgruppsdialog"), actor=coordinator)
    transition(initiative, via(initiative, "underlag"), actor=coordinator)
    add_both_kinds(initiative, coordinator, karlskrona, regional_org)
    assess_everything(initiative, coordinator)
    write_proposal(initiative, people["local_coordinator"])
    transition(initiative, via(initiative, "rekommendation"), actor=coordinator)
    domain.record_recommendation(
        initiative,
        via(initiative, "beslut", "recommend"),
        actor=people["lsvo_member"],
        rationale="Väl underbyggt.",
        meeting_date=TODAY,
    )
    decision = domain.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number="RB 2026/123",
        budget=Decimal("650000.00"),
        follow_up_plan="Halvårsvis till styrgruppen.",
    )
    assert initiative.stage.key == "genomforande" and decision.budget == Decimal("650000.00")
    from pusselbit.initiatives.models import FinalEvaluation

    FinalEvaluation.objects.create(
        initiative=initiative, summary="s", effects="e", evaluated_on=TODAY, recorded_by=coordinator
    )
    transition(initiative, via(initiative, "implementering"), actor=people["steering_group_member"])
    from pusselbit.initiatives.models import ResourceReview

    ResourceReview.objects.create(
        initiative=initiative,
        economic_resources="e",
        personnel_resources="p",
        scale_up_plan="s",
        reviewed_on=TODAY,
        recorded_by=people["finance_officer"],
    )
    domain.record_recommendation(
        initiative,
        via(initiative, "implementering", "recommend"),
        actor=people["lsvo_member"],
        rationale="Skala upp.",
        meeting_date=TODAY,
    )
    # The decision on implementation says whether it implements or scales up.
    with pytest.raises(ValidationError) as refused:
        domain.record_decision(
            initiative,
            via(initiative, "avslutad", "approved"),
            actor=people["regional_director"],
            decided_on=TODAY,
            registration_number="RB 2028/9",
        )
    assert "extent" in refused.value.message_dict
    assert initiative.decisions.count() == 1
    decision = domain.record_decision(
        initiative,
        via(initiative, "avslutad", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number="RB 2028/9",
        extent=DecisionExtent.SCALE_UP,
    )
    assert (decision.extent, decision.implements) == ("scale_up", True)
    (facts, *_) = decision_document(decision).sections
    said = {block.lead: block.text for block in facts.blocks}
    assert said["Beslutet avser:"] == "Skala upp till fler verksamheter"
    assert initiative.decisions.get(registration_number="RB 2026/123").extent == ""
    assert initiative.stage.key == "avslutad"
    keys = [c.to_stage.key for c in StageChange.objects.filter(initiative=initiative)]
    assert keys == [
        "radgivning",
        "inskickad",
        "samordningsgrupp",
        "dialogforum",
        "malgruppsdialog",
        "underlag",
        "rekommendation",
        "beslut",
        "genomforande",
        "implementering",
        "implementering",
        "avslutad",
    ]
    change = StageChange.objects.filter(initiative=initiative, to_stage__key="inskickad").get()
    assert (change.actor, change.from_stage.key, change.comment) == (
        initiator,
        "radgivning",
        "Klar",
    )


TRANSITIONS = [
    (source, target, outcome, roles)
    for source, target, _k, outcome, _s, _e, roles, _g in default.TRANSITIONS
]


@pytest.mark.parametrize(
    ("source", "target", "outcome", "roles"),
    TRANSITIONS,
    ids=[f"{s}->{t}{'-' + o if o else ''}" for s, t, o, _r in TRANSITIONS],
)
def test_every_transition_allowed_and_refused_role(
    people, make_initiative, source, target, outcome, roles
):
    initiative = make_initiative(source)
    chosen = Transition.objects.get(source=initiative.stage, target__key=target, outcome=outcome)
    allowed = people["initiator"] if "owner" in roles else people[roles[0]]
    refused = next(
        user for role, user in people.items() if role not in roles and role != "initiator"
    )
    assert chosen in [a.transition for a in available_transitions(initiative, allowed)]
    assert chosen not in [a.transition for a in available_transitions(initiative, refused)]
    with pytest.raises(PermissionDenied):
        transition(initiative, chosen, actor=refused)
    try:
        transition(initiative, chosen, actor=allowed, comment="test")
    except TransitionRefused as refused_by_gate:
        assert chosen.gates, "only a gated transition may refuse an allowed role"
        assert refused_by_gate.unmet
    else:
        initiative.refresh_from_db()
        assert initiative.stage == chosen.target


def test_transition_from_stale_stage_is_refused(people, make_initiative):
    initiative = make_initiative("inskickad")
    forward = via(initiative, "samordningsgrupp")
    transition(initiative, forward, actor=people["county_coordinator"])
    with pytest.raises(TransitionRefused, match="inte längre"):
        transition(initiative, forward, actor=people["county_coordinator"])


def test_decision_is_never_edited_and_corrected_by_new_one(people, make_initiative):
    initiative = make_initiative("beslut")
    decision = domain.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number="RB 2026/1",
        budget=Decimal("100000"),
        follow_up_plan="Kvartalsvis",
    )
    decision.budget = Decimal("1")
    with pytest.raises(ValidationError, match="ändras aldrig"):
        decision.save()
    correction = domain.correct_decision(
        decision,
        actor=people["regional_director"],
        reason="Fel belopp",
        decided_on=TODAY,
        registration_number="RB 2026/2",
        budget=Decimal("120000.50"),
        follow_up_plan="Kvartalsvis",
    )
    decision.refresh_from_db()
    assert decision.budget == Decimal("100000.00")
    assert correction.replaces == decision and correction.outcome == "approved"
    assert Decision.objects.filter(initiative=initiative).count() == 2
    with pytest.raises(PermissionDenied):
        domain.correct_decision(
            correction,
            actor=people["county_coordinator"],
            reason="x",
            decided_on=TODAY,
            registration_number="x",
        )


def test_approval_without_budget_is_refused(people, make_initiative):
    from django.core.exceptions import ValidationError

    initiative = make_initiative("beslut")
    with pytest.raises(ValidationError) as error:
        domain.record_decision(
            initiative,
            via(initiative, "genomforande", "approved"),
            actor=people["regional_director"],
            decided_on=TODAY,
            registration_number="RB 1",
        )
    assert {"budget", "follow_up_plan"} <= set(error.value.message_dict)
    initiative.refresh_from_db()
    assert initiative.stage.key == "beslut" and not Decision.objects.exists()
