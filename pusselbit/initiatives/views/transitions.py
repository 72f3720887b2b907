from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..enums import TransitionKind
from ..forms.decisions import TransitionForm
from ..workflows.engine import TransitionRefused, may_take, transition
from ..workflows.gates import unmet_conditions
from .base import initiative_for, to_detail

# Leaving the main path is explained in writing.
COMMENT_REQUIRED = {TransitionKind.BACK, TransitionKind.WITHDRAW, TransitionKind.REJECT}
RECORDED = {
    TransitionKind.RECOMMENDATION: "initiatives:recommend",
    TransitionKind.DECISION: "initiatives:decide",
}


def transition_for(request, initiative, transition_pk):
    """A transition out of the initiative's current stage that the user may take."""
    chosen = get_object_or_404(initiative.stage.outgoing, pk=transition_pk)
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
    unmet = unmet_conditions(initiative, chosen.gates)
    if request.method == "POST" and form.is_valid():
        try:
            transition(initiative, chosen, actor=request.user, comment=form.cleaned_data["comment"])
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
        },
    )
