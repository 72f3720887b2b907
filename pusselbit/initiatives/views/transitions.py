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


def repeated(stale: MovedOn, chosen, user, comment: str) -> bool:
    """Whether the initiative moved on because this user took this very step with this very
    comment: the same form sent twice (a double click, a reload, a second tab)."""
    change = stale.change
    return (
        change is not None
        and change.transition_id == chosen.pk
        and change.actor_id == user.pk
        and change.comment == comment
    )


@login_required
def take(request, region_slug, pk, transition_pk):
    """Take a plain transition: posted from the initiative page's next steps (its button and an
    optional comment), or confirmed on this page, which says what the step does and what its
    gates still lack. A refused post (a required comment left empty, a gate no longer passed, an
    initiative that has moved on) is shown here, next to what was typed."""
    initiative = initiative_for(request, region_slug, pk)
    chosen = transition_for(request, initiative, transition_pk)
    if not chosen.plain:
        return redirect(RECORDED[chosen.kind], region_slug, pk, chosen.pk)
    form = TransitionForm(request.POST or None, comment_required=chosen.comment_required)
    stale = moved_on(initiative, chosen)
    unmet = [] if stale else unmet_conditions(initiative, chosen.gates)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if not stale:
            try:
                transition(initiative, chosen, actor=request.user, comment=comment)
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
        if stale and repeated(stale, chosen, request.user, comment):
            # Sent twice: the first sending did it, the second says so rather than "refused".
            messages.info(
                request,
                _("You have taken the step “%(step)s”: %(title)s is in the stage %(stage)s.")
                % {
                    "step": chosen.display_name,
                    "title": initiative.title,
                    "stage": stale.change.to_stage,
                },
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
