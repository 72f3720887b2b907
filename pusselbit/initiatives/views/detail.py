from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.attachments.queries import section as attachment_section
from pusselbit.core.pagination import paginate

from ..enums import Criterion, PreparationStep
from ..queries import initiatives as initiative_queries
from ..queries.advice import advice_entries, reason_context
from ..queries.comments import comments_context
from ..queries.execution import execution_context
from ..queries.meetings import meetings_context
from ..workflows.engine import available_transitions
from ..workflows.gates import GATES
from .base import check, initiative_for

HISTORY_PER_PAGE = 20
PERMS = [
    "change_idea",
    "change_proposal",
    "manage_participants",
    "give_advice",
    "assess_criteria",
    "record_preparation",
    "correct_decision",
    "set_registration_number",
]


@login_required
def detail(request, region_slug, pk):
    """Everything about one initiative: stage, next steps, idea, participants, criteria,
    proposal, meetings, decisions, follow-up, attachments, comments and history."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.view_initiative", initiative)
    assessments = {
        a.criterion: a for a in initiative.criterion_assessments.select_related("assessed_by")
    }
    preparation = {r.step: r for r in initiative.preparation_records.select_related("done_by")}
    advice = list(advice_entries(initiative))
    proposal = getattr(initiative, "proposal", None)
    budget_lines = list(proposal.budget_lines.all()) if proposal else []
    # The newest entries; older ones a page further (an initiative collects hundreds).
    history = paginate(
        request, initiative_queries.history(initiative), per_page=HISTORY_PER_PAGE, param="historik"
    )
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "region": initiative.region,
            "stages": initiative.workflow.stages.all(),
            "available": available_transitions(initiative, request.user),
            "participants": initiative.participants.select_related(
                "organisation", "operation_area__organisation"
            ),
            "participant_unmet": GATES["participant_mix"].check(initiative),
            "advice": advice,
            "advice_here": any(a.stage_id == initiative.stage_id for a in advice),
            "criteria": [(c, assessments.get(c.value)) for c in Criterion],
            "reason": reason_context(initiative),
            "preparation": [(s, preparation.get(s.value)) for s in PreparationStep],
            "proposal": proposal,
            "measures": proposal.measures.all() if proposal else [],
            "budget_lines": budget_lines,
            "budget_totals": initiative_queries.budget_totals(budget_lines),
            "budget_years": initiative_queries.budget_by_year(budget_lines),
            "recommendations": initiative.recommendations.select_related("stage", "recorded_by"),
            "decisions": initiative_queries.decisions(initiative),
            "history": history,
            # The list counts down (newest first) across pages: page 2 goes on from page 1.
            "history_start": history.paginator.count - history.start_index() + 1,
            "can": {
                name: request.user.has_perm(f"initiatives.{name}", initiative) for name in PERMS
            },
            "plan_goals": initiative_queries.plan_goals(initiative),
            **meetings_context(initiative, request.user),
            **execution_context(initiative, request.user),
            **attachment_section(initiative, request.user),
            **comments_context(initiative, request.user),
        },
    )
