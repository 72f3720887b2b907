"""The rules of editing a region's workflow (the admin's change form): which stages may be
removed, and the ways in and out a new stage is given. The admin saves the workflow whole, in
one transaction, and checks the result with workflows.validation.workflow_problems; these are
the rules it asks on the way (workflows/engine.py installs and removes whole workflows)."""

from django.db import router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require

from ..enums import StageKind, TransitionKind
from ..models import Stage, Transition

# The ways out of the lifecycle that every stage on the way has; a new stage gets the same.
EXIT_KINDS = [TransitionKind.WITHDRAW, TransitionKind.REJECT]


def stage_removal_blockers(stage: Stage, *, actor) -> list[str]:
    """Why `actor` may not remove `stage` (none: it may go). A region administrator removes
    only optional stages; nobody removes a stage initiatives are in (they are moved first) or
    one their history names (the history would lose where they have been)."""
    problems = []
    if not stage.optional and not actor.has_perm(
        "accounts.operate_platform", stage.workflow.region
    ):
        problems.append(
            _("Only optional stages can be removed; %(stage)s is not optional.")
            % {"stage": stage.name}
        )
    return problems + _in_use(stage)


def _in_use(stage: Stage) -> list[str]:
    titles = list(stage.initiatives.order_by("title").values_list("title", flat=True)[:6])
    if titles:
        listed = ", ".join(titles[:5]) + (" …" if len(titles) > 5 else "")
        return [
            _(
                "Initiatives are in the stage %(stage)s: %(initiatives)s. Move them to another "
                "stage before removing it."
            )
            % {"stage": stage.name, "initiatives": listed}
        ]
    try:
        # What the delete would do, without doing it: a protected history row refuses.
        Collector(using=router.db_for_write(Stage)).collect([stage])
    except ProtectedError:
        return [
            _(
                "The stage %(stage)s cannot be removed: initiatives have been in it and their "
                "history names it."
            )
            % {"stage": stage.name}
        ]
    return []


@transaction.atomic
def connect_new_stage(
    stage: Stage, after: Stage, before: Stage | None, *, actor
) -> list[Transition]:
    """Give a stage just added to a workflow its ways in and out: a way from `after`, a way on
    to `before`, both open to the roles of the way from `after` to `before` that it is put in,
    and the same exits (withdraw, turn down) as `after`. The gates of the way it is put in
    guard the way on to `before`. An end stage gets the way in only. Side effects: the
    transitions and the audit entry workflow.stage_connected naming them."""
    workflow = stage.workflow
    require(actor, "accounts.administer_region", workflow.region)
    exits = list(after.outgoing.filter(kind__in=EXIT_KINDS).select_related("target"))
    template = (
        (after.outgoing.filter(target=before).first() if before else None)
        or after.outgoing.exclude(kind__in=EXIT_KINDS).first()
        or (exits[0] if exits else None)
    )
    roles = list(template.roles) if template else []
    order = template.order if template else 0
    common = {"workflow": workflow, "kind": TransitionKind.FORWARD, "order": order}
    made = [
        Transition(
            **common,
            source=after,
            target=stage,
            name=stage.name,
            name_en=stage.name_en,
            roles=roles,
        )
    ]
    if before is not None and stage.kind != StageKind.END:
        made.append(
            Transition(
                **common,
                source=stage,
                target=before,
                name=before.name,
                name_en=before.name_en,
                roles=roles,
                gates=list(template.gates) if template else [],
            )
        )
        made.extend(
            Transition(
                workflow=workflow,
                source=stage,
                target=way_out.target,
                kind=way_out.kind,
                name=way_out.name,
                name_en=way_out.name_en,
                roles=list(way_out.roles),
                gates=list(way_out.gates),
                order=way_out.order,
            )
            for way_out in exits
        )
    for transition in made:
        transition.save()
    audit.record(
        "workflow.stage_connected",
        workflow,
        actor=actor,
        stage=stage.name,
        transitions=[f"{t.source.name} → {t.target.name}" for t in made],
    )
    return made
