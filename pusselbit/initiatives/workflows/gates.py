"""The conditions a transition can require. A workflow names them by key (Transition.gates);
each check returns the unmet conditions as sentences, empty when the gate is passed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.organisations.enums import OperationAreaKind

from ..enums import Assessment, Criterion, PreparationStep
from ..models import FinalEvaluation, Proposal, ResourceReview


@dataclass(frozen=True)
class Gate:
    key: str
    label: str
    check: Callable[[object], list[str]]


def _idea_complete(initiative) -> list[str]:
    fields = [
        "title",
        "problem",
        "idea",
        "target_groups",
        "involved",
        "expected_results",
        "contact_name",
        "contact_email",
    ]
    missing = [
        str(initiative._meta.get_field(name).verbose_name)
        for name in fields
        if not getattr(initiative, name)
    ]
    unmet = []
    if missing:
        unmet.append(_("The idea template lacks: %(fields)s.") % {"fields": ", ".join(missing)})
    if not initiative.directions.exists() and not initiative.priority_areas.exists():
        unmet.append(_("The idea names no direction or priority area of the agreement."))
    return unmet


def _advice_given(initiative) -> list[str]:
    if initiative.advice_entries.exists():
        return []
    return [_("No county coordinator has recorded advice on the idea.")]


def _participant_mix(initiative) -> list[str]:
    kinds = {
        p.operation_area.kind
        for p in initiative.participants.select_related("operation_area__organisation")
        if p.operation_area_id
    }
    unmet = []
    if OperationAreaKind.MUNICIPAL not in kinds:
        unmet.append(_("No municipal operation area takes part; at least one must."))
    if OperationAreaKind.REGIONAL not in kinds:
        unmet.append(_("No regional operation area takes part; at least one must."))
    return unmet


def _criteria_assessed(initiative) -> list[str]:
    assessed = {
        a.criterion
        for a in initiative.criterion_assessments.all()
        if a.assessment and a.motivation.strip()
    }
    missing = [c.label for c in Criterion if c.value not in assessed]
    if not missing:
        return []
    return [
        _("Criteria not yet assessed with a motivation: %(criteria)s.")
        % {"criteria": "; ".join(str(m) for m in missing)}
    ]


def not_met_without_reason(initiative) -> list:
    """The criteria assessed as not met that the newest reason to proceed does not cover: one it
    does not name, or one assessed (again) after it was recorded."""
    not_met = [
        a for a in initiative.criterion_assessments.all() if a.assessment == Assessment.NOT_MET
    ]
    if not not_met:
        return []
    reason = initiative.reasons_to_proceed.order_by("-recorded_at", "-pk").first()
    return [
        a
        for a in not_met
        if reason is None
        or a.criterion not in reason.criteria
        or a.assessed_at > reason.recorded_at
    ]


def _criteria_not_met_reasoned(initiative) -> list[str]:
    uncovered = not_met_without_reason(initiative)
    if not uncovered:
        return []
    return [
        _(
            "Criteria assessed as not met: %(criteria)s. The proposal goes to LSVO only when a "
            "county coordinator records a reason to proceed."
        )
        % {"criteria": "; ".join(str(a.get_criterion_display()) for a in uncovered)}
    ]


def _preparation_done(initiative) -> list[str]:
    done = set(initiative.preparation_records.values_list("step", flat=True))
    missing = [s.label for s in PreparationStep if s.value not in done]
    if not missing:
        return []
    return [
        _("Preparation steps not yet done: %(steps)s.")
        % {"steps": "; ".join(str(m) for m in missing)}
    ]


def _proposal_complete(initiative) -> list[str]:
    # Read afresh: a cached initiative.proposal may predate the last save.
    proposal = Proposal.objects.filter(initiative=initiative).first()
    if proposal is None:
        return [_("No proposal has been written.")]
    unmet = []
    if not proposal.measures.filter(baseline__isnull=False, target__isnull=False).exists():
        unmet.append(
            _("The proposal needs at least one effect measure with a baseline and a target.")
        )
    if not proposal.budget_lines.exists():
        unmet.append(_("The proposal has no budget."))
    plans = [
        str(proposal._meta.get_field(name).verbose_name)
        for name in ("evaluation_plan", "reporting_plan", "implementation_plan")
        if not getattr(proposal, name).strip()
    ]
    if plans:
        unmet.append(_("The proposal lacks: %(plans)s.") % {"plans": ", ".join(plans)})
    if not proposal.no_running_costs:
        unmet.append(
            _("It is not confirmed that stimulus funds pay for no ordinary running costs.")
        )
    return unmet


def _recommendation_recorded_here(initiative) -> list[str]:
    if initiative.recommendations.filter(stage=initiative.stage).exists():
        return []
    return [_("No recommendation has been recorded in this stage.")]


def _final_evaluation(initiative) -> list[str]:
    if FinalEvaluation.objects.filter(initiative=initiative).exists():
        return []
    return [_("The final evaluation has not been recorded.")]


def _resources_reviewed(initiative) -> list[str]:
    if ResourceReview.objects.filter(initiative=initiative).exists():
        return []
    return [_("The review of economic and personnel resources has not been recorded.")]


GATES = {
    gate.key: gate
    for gate in [
        Gate("idea_complete", gettext_lazy("The idea template is complete"), _idea_complete),
        # Not in the default workflow (Blekinge's initiators may submit without it); a region
        # that wants advice first adds it to the way out of its advice stage.
        Gate("advice_given", gettext_lazy("A county coordinator has given advice"), _advice_given),
        Gate(
            "participant_mix",
            gettext_lazy("At least one municipal and one regional operation area take part"),
            _participant_mix,
        ),
        Gate(
            "criteria_assessed",
            gettext_lazy("Every criterion is assessed and motivated"),
            _criteria_assessed,
        ),
        Gate(
            "criteria_not_met_reasoned",
            gettext_lazy("A criterion assessed as not met has a recorded reason to proceed"),
            _criteria_not_met_reasoned,
        ),
        Gate("preparation_done", gettext_lazy("Every preparation step is done"), _preparation_done),
        Gate("proposal_complete", gettext_lazy("The proposal is complete"), _proposal_complete),
        Gate(
            "recommendation_recorded",
            gettext_lazy("A recommendation is recorded in this stage"),
            _recommendation_recorded_here,
        ),
        Gate(
            "final_evaluation", gettext_lazy("The final evaluation is recorded"), _final_evaluation
        ),
        Gate("resources_reviewed", gettext_lazy("The resources are reviewed"), _resources_reviewed),
    ]
}
GATE_CHOICES = [(key, gate.label) for key, gate in GATES.items()]


def unmet_conditions(initiative, gate_keys) -> list[str]:
    unmet = []
    for key in gate_keys:
        unmet.extend(GATES[key].check(initiative))
    return unmet
