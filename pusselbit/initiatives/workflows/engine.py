"""The workflow interpreter: which transitions a user may take, and the one function that
changes an initiative's stage."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.accounts.rules import roles_in
from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require

from .. import notifications
from ..enums import OWNER, StageKind
from ..models import Initiative, Stage, StageChange, Transition, Workflow
from . import default
from .gates import unmet_conditions


class TransitionRefused(Exception):
    """The transition's gates are not passed; `unmet` says which conditions fail."""

    def __init__(self, unmet: list[str]):
        self.unmet = unmet
        super().__init__(" ".join(unmet))


class MovedOn(TransitionRefused):
    """The initiative has left the stage the transition starts from since the page was opened
    (a double click, a second tab, someone else). `change` is the step that was taken."""

    def __init__(self, initiative: Initiative):
        self.initiative = initiative
        self.change = (
            initiative.stage_changes.select_related("actor", "to_stage", "transition")
            .order_by("-at", "-pk")
            .first()
        )
        super().__init__(
            [
                _("The initiative is no longer in the stage it was in; it is now in %(stage)s.")
                % {"stage": self.change.to_stage if self.change else initiative.stage}
            ]
        )


def lock(initiative: Initiative) -> Initiative:
    """The initiative's row, locked until the transaction ends, so that of two people (or two
    tabs) taking a step at once the second sees what the first did.

    Without select_related on purpose: PostgreSQL re-checks a locked row that another
    transaction has just changed against the joined rows as they were, and a join on the old
    stage drops the row (DoesNotExist instead of the new stage)."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def moved_on(initiative: Initiative, to: Transition) -> MovedOn | None:
    """What happened, when the initiative is no longer in the stage `to` starts from."""
    return MovedOn(initiative) if to.source_id != initiative.stage_id else None


def refuse_if_moved_on(locked: Initiative, to: Transition) -> None:
    if refused := moved_on(locked, to):
        raise refused


@dataclass
class Available:
    transition: Transition
    unmet: list[str] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return not self.unmet


def actor_roles(user, initiative) -> set[str]:
    """The roles `user` holds in the initiative's region, plus OWNER for its owner."""
    if not user.is_authenticated:
        return set()
    roles = set(roles_in(user, initiative.region_id))
    if initiative.owner_id == user.pk:
        roles.add(OWNER)
    return roles


def may_take(user, initiative, transition: Transition) -> bool:
    return bool(actor_roles(user, initiative) & set(transition.roles))


def available_transitions(initiative, user, *, kinds=None) -> list[Available]:
    """The transitions out of the current stage that `user` may take, each with the conditions
    its gates still lack (an empty list: it can be taken now)."""
    roles = actor_roles(user, initiative)
    result = []
    for transition in initiative.stage.outgoing.all():
        if kinds is not None and transition.kind not in kinds:
            continue
        if roles & set(transition.roles):
            result.append(Available(transition, unmet_conditions(initiative, transition.gates)))
    return result


@transaction.atomic
def transition(initiative: Initiative, to: Transition, *, actor, comment: str = "") -> StageChange:
    """Move `initiative` along `to`, the only way an initiative changes stage.

    Checks that `to` leaves the current stage (read under a row lock, so two people taking a
    transition at once cannot both succeed), that `actor` may take it, and that its gates pass.
    Side effects: Initiative.stage (and submitted_at the first time it leaves a stage where the
    idea template is editable for one where it is not), a StageChange row, an audit entry, and
    notifications (notifications.stage_changed): to the initiator and the participants'
    contact persons when the step submits, sends back, recommends, decides or closes, and to the
    people who must act next; their e-mail is queued in the outbox and sent after the commit.
    Raises PermissionDenied, MovedOn when the initiative has left `to`'s stage, or
    TransitionRefused with the unmet conditions."""
    locked = lock(initiative)
    refuse_if_moved_on(locked, to)
    if not may_take(actor, locked, to):
        raise PermissionDenied(_("Your roles may not take this step."))
    unmet = unmet_conditions(locked, to.gates)
    if unmet:
        raise TransitionRefused(unmet)
    from_stage = locked.stage
    update_fields = ["stage", "updated_at"]
    locked.stage = to.target
    if from_stage.idea_editable and not to.target.idea_editable and not locked.submitted_at:
        locked.submitted_at = timezone.now()
        update_fields.append("submitted_at")
    locked.save(update_fields=update_fields)
    change = StageChange.objects.create(
        initiative=locked,
        transition=to,
        from_stage=from_stage,
        to_stage=to.target,
        actor=actor,
        comment=comment,
    )
    audit.record(
        "initiative.stage_changed",
        locked,
        actor=actor,
        from_stage=from_stage.name,
        to_stage=to.target.name,
        transition=to.name,
        comment=comment,
    )
    initiative.stage, initiative.submitted_at = locked.stage, locked.submitted_at
    notifications.stage_changed(change)
    return change


@transaction.atomic
def install_workflow(region, definition=default, *, actor=None) -> Workflow:
    """Create the region's own copy of a workflow definition (the default: Blekinge's): the
    platform operator's, or the system's when a region's first idea needs one. Side effects:
    the audit entry workflow.installed."""
    require(actor, "accounts.operate_platform", region)
    name, name_en = definition.NAME
    workflow = Workflow.objects.create(region=region, name=name)
    stages = {}
    for order, (key, kind, sv, en, description, flags) in enumerate(definition.STAGES):
        stages[key] = Stage.objects.create(
            workflow=workflow,
            key=key,
            kind=kind,
            name=sv,
            name_en=en,
            description=description,
            order=order * 10,
            optional="optional" in flags,
            idea_editable="idea_editable" in flags,
            advice="advice" in flags,
            proposal_editable="proposal_editable" in flags,
            running="running" in flags,
        )
    for order, (source, target, kind, outcome, sv, en, roles, gates) in enumerate(
        definition.TRANSITIONS
    ):
        Transition.objects.create(
            workflow=workflow,
            source=stages[source],
            target=stages[target],
            kind=kind,
            outcome=outcome,
            name=sv,
            name_en=en,
            roles=list(roles),
            gates=list(gates),
            order=order,
        )
    audit.record("workflow.installed", workflow, actor=actor, name=name)
    return workflow


@transaction.atomic
def remove_workflow(workflow: Workflow, *, actor) -> None:
    """Remove a region's workflow that no initiative has used (the region gets the default
    again with its next idea). Side effects: the audit entry workflow.removed."""
    require(actor, "accounts.operate_platform", workflow.region)
    ensure_removable(workflow, parts=[Stage, Transition])
    audit.record(
        "workflow.removed", workflow.region, actor=actor, workflow=workflow.pk, name=workflow.name
    )
    workflow.delete()


def start_stage(workflow: Workflow) -> Stage:
    return workflow.stages.filter(kind=StageKind.START).order_by("order").first()
