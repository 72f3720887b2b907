import pytest
from django.utils import translation

from pusselbit.initiatives.enums import StageKind
from pusselbit.initiatives.workflows.validation import workflow_problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def parts(workflow):
    stages = list(workflow.stages.all())
    transitions = list(workflow.transitions.select_related("source", "target"))
    return stages, transitions


def without(transitions, source, target):
    return [t for t in transitions if not (t.source.key == source and t.target.key == target)]


def test_workflow_problems_of_default_workflow_is_empty(workflow):
    assert workflow_problems(*parts(workflow)) == []


def test_workflow_problems_without_only_way_in_names_unreachable_stage(workflow):
    stages, transitions = parts(workflow)

    problems = workflow_problems(stages, without(transitions, "dialogforum", "malgruppsdialog"))

    assert problems == ["The stage Målgruppsdialog cannot be reached from the start."]


def test_workflow_problems_with_one_of_two_ways_in_removed_is_empty(workflow):
    stages, transitions = parts(workflow)

    assert workflow_problems(stages, without(transitions, "dialogforum", "underlag")) == []


def test_workflow_problems_without_way_out_of_active_stage_names_it(workflow):
    stages, transitions = parts(workflow)
    transitions = [t for t in transitions if t.source.key != "malgruppsdialog"]

    problems = workflow_problems(stages, transitions)

    assert problems == ["The stage Målgruppsdialog has no way out and is not an end stage."]


def test_workflow_problems_counts_a_way_back_to_itself_as_no_way_out(workflow):
    stages, transitions = parts(workflow)
    transitions = [
        t for t in transitions if t.source.key != "implementering" or t.target.key == t.source.key
    ]

    problems = workflow_problems(stages, transitions)

    assert "The stage Implementering/uppskalning has no way out and is not an end stage." in (
        problems
    )


def test_workflow_problems_with_two_start_stages_is_reported(workflow):
    stages, transitions = parts(workflow)
    next(s for s in stages if s.key == "radgivning").kind = StageKind.START

    problems = workflow_problems(stages, transitions)

    assert problems == ["A workflow needs exactly one start stage; it has 2."]


def test_workflow_problems_names_unknown_roles_and_gates_and_missing_outcomes(workflow):
    stages, transitions = parts(workflow)
    ask = next(t for t in transitions if t.source.key == "ide" and t.target.key == "radgivning")
    ask.roles = ["owner", "chief_wizard"]
    ask.gates = ["moon_is_full"]
    recommend = next(t for t in transitions if t.outcome == "recommend")
    recommend.outcome = ""

    problems = workflow_problems(stages, transitions)

    assert problems == [
        "The transition Begär rådgivning names unknown roles: chief_wizard.",
        "The transition Begär rådgivning names unknown gates: moon_is_full.",
        "The transition Rekommendera needs one of the outcomes "
        "do_not_recommend, recommend, send_back.",
    ]


def test_workflow_problems_of_transition_nobody_may_take_is_reported(workflow):
    stages, transitions = parts(workflow)
    transitions[0].roles = []

    assert workflow_problems(stages, transitions) == [
        f"Nobody may take the transition {transitions[0].name}."
    ]
