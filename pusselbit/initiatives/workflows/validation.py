"""What makes a workflow usable: one start, every stage reachable, a way out of every stage
but the end stages, and only gates, roles and outcomes the product knows."""

from django.utils.translation import gettext as _

from ..enums import (
    ACTOR_CHOICES,
    DecisionOutcome,
    RecommendationOutcome,
    StageKind,
    TransitionKind,
)
from .gates import GATES

OUTCOMES = {
    TransitionKind.RECOMMENDATION: set(RecommendationOutcome.values),
    TransitionKind.DECISION: set(DecisionOutcome.values),
}


def workflow_problems(stages, transitions) -> list[str]:
    """Problems with a workflow given as its stages and transitions (saved or not)."""
    problems = []
    starts = [s for s in stages if s.kind == StageKind.START]
    if len(starts) != 1:
        problems.append(
            _("A workflow needs exactly one start stage; it has %(count)d.")
            % {"count": len(starts)}
        )
    stage_ids = {s.pk for s in stages}
    leaving = {s.pk: False for s in stages}
    graph = {s.pk: set() for s in stages}
    known_roles = {value for value, _label in ACTOR_CHOICES}
    for t in transitions:
        if t.source_id not in stage_ids or t.target_id not in stage_ids:
            problems.append(
                _("The transition %(name)s leads to or from another workflow's stage.")
                % {"name": t.name}
            )
            continue
        graph[t.source_id].add(t.target_id)
        if t.target_id != t.source_id:
            leaving[t.source_id] = True
        if not t.roles:
            problems.append(_("Nobody may take the transition %(name)s.") % {"name": t.name})
        if unknown := set(t.roles) - known_roles:
            problems.append(
                _("The transition %(name)s names unknown roles: %(roles)s.")
                % {"name": t.name, "roles": ", ".join(sorted(unknown))}
            )
        if unknown := set(t.gates) - set(GATES):
            problems.append(
                _("The transition %(name)s names unknown gates: %(gates)s.")
                % {"name": t.name, "gates": ", ".join(sorted(unknown))}
            )
        if t.kind in OUTCOMES and t.outcome not in OUTCOMES[t.kind]:
            problems.append(
                _("The transition %(name)s needs one of the outcomes %(outcomes)s.")
                % {"name": t.name, "outcomes": ", ".join(sorted(OUTCOMES[t.kind]))}
            )
    if len(starts) == 1:
        reached, frontier = {starts[0].pk}, [starts[0].pk]
        while frontier:
            for target in graph[frontier.pop()] - reached:
                reached.add(target)
                frontier.append(target)
        for stage in stages:
            if stage.pk not in reached:
                problems.append(
                    _("The stage %(stage)s cannot be reached from the start.")
                    % {"stage": stage.name}
                )
    for stage in stages:
        if stage.kind != StageKind.END and not leaving[stage.pk]:
            problems.append(
                _("The stage %(stage)s has no way out and is not an end stage.")
                % {"stage": stage.name}
            )
    return problems
