from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..enums import TransitionKind
from ..forms.decisions import TransitionForm
from ..models import Transition
from ..workflows.engine import MovedOn, TransitionRefused, may_take, moved_on, transition
from ..workflows.gates import unmet_conditions
from .base import initiative_for, to_detail

# Leaving the main path is explained in writing.
COMMENT_REQUIRED = {TransitionKind.BACK, TransitionKind.WITHDRAW, TransitionKind.REJECT}
RECORDED = {
    TransitionKind.RECOMMENDATION: "initiatives:recommend",
    TransitionKind.DECISION: "initiatives:decide",
}


def transition_for(request, initiative, transition_pk):
    """A transition of the initiative's workflow that the user may take. It may start from a
    stage the initiative has left since the page was opened (another tab, someone else): the
    page then says what happened instead of answering "not found"."""
    chosen = get_object_or_404(
        Transition.objects.filter(workflow_id=initiative.workflow_id).select_related(
            "source", "target"
        ),
        pk=transition_pk,
    )
    if not may_take(request.user, initiative, chosen):
        raise PermissionDenied
    return chosen


@login_required
def take(request, region_slug, pk, transition_pk):
    """Confirm and take a transition: what it does, what its gates still lack, a comment."""
    initiative = initiative_for(request, region_slug, pk)
    chosen = transition_for(request, initiative, transition_pk)
    if chosen.kind in RECORDED:
        return redirect(RECORDED[chosen.kind], region_slug, pk, chosen.pk)
    form = TransitionForm(request.POST or None, comment_required=chosen.kind in COMMENT_REQUIRED)
    stale = moved_on(initiative, chosen)
    unmet = [] if stale else unmet_conditions(initiative, chosen.gates)
    if request.method == "POST" and not stale and form.is_valid():
        try:
            transition(initiative, chosen, actor=request.user, comment=form.cleaned_data["comment"])
        except MovedOn as refused:
            stale = refused
        except TransitionRefused as refused:
            unmet = refused.unmet
        else:
            messages.success(
                request,
                _("%(title)s is now in the stage %(stage)s.")
                % {"title": initiative.title, "stage": initiative.stage},
            )
            return to_detail(initiative)
    return render(
        request,
        "initiatives/transition.html",
        {
            "initiative": initiative,
            "transition": chosen,
            "form": form,
            "unmet": unmet,
            "moved_on": stale,
        },
    )
