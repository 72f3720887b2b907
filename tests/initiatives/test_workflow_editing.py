"""The rules of editing a workflow, as domain functions the admin calls: which stages may be
removed and by whom, and the ways a new stage is given (all or none, audited)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.domain import connect_new_stage, stage_removal_blockers
from pusselbit.initiatives.models import Stage, Transition
from pusselbit.initiatives.workflows.validation import workflow_problems
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def region_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def stage(workflow, key):
    return Stage.objects.get(workflow=workflow, key=key)


def new_stage(workflow, *, kind="active"):
    return Stage.objects.create(
        workflow=workflow,
        key="kvalitetscafe",
        name="Kvalitetscafé",
        name_en="Quality café",
        kind=kind,
        optional=True,
    )


def test_an_unused_optional_stage_has_no_blockers(workflow, region_admin):
    assert stage_removal_blockers(stage(workflow, "malgruppsdialog"), actor=region_admin) == []


def test_a_stage_that_is_not_optional_is_removed_by_the_platform_operator_only(
    workflow, region_admin, root
):
    advice = stage(workflow, "radgivning")

    (problem,) = stage_removal_blockers(advice, actor=region_admin)

    assert "not optional" in problem and advice.name in problem
    assert stage_removal_blockers(advice, actor=root) == []


def test_a_stage_with_initiatives_in_it_is_removed_by_no_one(workflow, make_initiative, root):
    make_initiative("malgruppsdialog", title="Samtalsstöd för unga vuxna")

    (problem,) = stage_removal_blockers(stage(workflow, "malgruppsdialog"), actor=root)

    assert "Samtalsstöd för unga vuxna" in problem


def test_a_stage_in_the_history_is_removed_by_no_one(workflow, make_initiative, root):
    initiative = make_initiative("dialogforum")
    dialogue = stage(workflow, "malgruppsdialog")
    initiative.stage_changes.create(from_stage=initiative.stage, to_stage=dialogue)

    (problem,) = stage_removal_blockers(dialogue, actor=root)

    assert "history" in problem and dialogue.name in problem


def test_connect_new_stage_gives_ways_in_on_and_out_and_audits(workflow, region_admin):
    after, before = stage(workflow, "samordningsgrupp"), stage(workflow, "dialogforum")
    cafe = new_stage(workflow)

    made = connect_new_stage(cafe, after, before, actor=region_admin)

    put_in = Transition.objects.get(source=after, target=before)
    into = Transition.objects.get(source=after, target=cafe)
    onward = Transition.objects.get(source=cafe, target=before)
    assert into.roles == onward.roles == put_in.roles and onward.gates == put_in.gates
    exits = {(t.target.key, t.kind) for t in cafe.outgoing.exclude(pk=onward.pk)}
    assert exits == {("atertagen", "withdraw"), ("avslagen", "reject")}
    assert len(made) == 4
    stages, transitions = list(workflow.stages.all()), list(workflow.transitions.all())
    assert workflow_problems(stages, transitions) == []
    entry = AuditEntry.objects.get(action="workflow.stage_connected")
    assert entry.actor == region_admin and entry.target_id == str(workflow.pk)
    assert "Samordningsgrupp → Kvalitetscafé" in entry.data["transitions"]


def test_connect_new_end_stage_gives_it_the_way_in_only(workflow, region_admin):
    after = stage(workflow, "samordningsgrupp")
    closed = new_stage(workflow, kind="end")

    connect_new_stage(closed, after, None, actor=region_admin)

    assert list(closed.incoming.values_list("source__key", flat=True)) == ["samordningsgrupp"]
    assert not closed.outgoing.exists()


def test_connect_new_stage_of_another_region_is_refused(workflow, dalarna):
    outsider = MembershipFactory(region=dalarna, role="administrator").user
    cafe = new_stage(workflow)

    with pytest.raises(PermissionDenied):
        connect_new_stage(cafe, stage(workflow, "samordningsgrupp"), None, actor=outsider)

    assert not cafe.incoming.exists()


def test_connect_new_stage_failing_midway_writes_nothing(workflow, region_admin):
    after = stage(workflow, "samordningsgrupp")
    cafe = new_stage(workflow)
    # A stage to lead on to that was never saved: the way in is written, the way on fails.
    nowhere = Stage(workflow=workflow, key="ingenstans", name="Ingenstans", kind="active")
    count = Transition.objects.count()

    with pytest.raises(ValueError):
        connect_new_stage(cafe, after, nowhere, actor=region_admin)

    assert Transition.objects.count() == count
    assert not AuditEntry.objects.filter(action="workflow.stage_connected").exists()
