from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .. import domain
from ..enums import TransitionKind
from ..forms.decisions import CorrectionForm, DecisionForm, RecommendationForm, describe
from ..queries.advice import reason_context
from ..workflows.engine import MovedOn, TransitionRefused, moved_on
from ..workflows.gates import unmet_conditions
from .base import add_errors, check, initiative_for, to_detail
from .transitions import transition_for


def form_kwargs(form_class, initiative, via) -> dict:
    if not issubclass(form_class, DecisionForm):
        return {}
    return {"region": initiative.region, "extent": domain.decides_extent(initiative, via)}


def _record(request, region_slug, pk, transition_pk, kind, form_class, record, template):
    initiative = initiative_for(request, region_slug, pk)
    via = transition_for(request, initiative, transition_pk)
    if via.kind != kind:
        raise Http404
    form = form_class(request.POST or None, **form_kwargs(form_class, initiative, via))
    stale = moved_on(initiative, via)
    unmet = [] if stale else unmet_conditions(initiative, via.gates)
    if not stale and form.is_valid():
        try:
            record(initiative, via, actor=request.user, **form.cleaned_data)
        except MovedOn as refused:
            stale = refused
        except TransitionRefused as refused:
            unmet = refused.unmet
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(what)s is recorded.") % {"what": via.name})
            return to_detail(initiative, "decisions")
    return render(
        request,
        template,
        {
            "initiative": initiative,
            "transition": via,
            "form": form,
            "unmet": unmet,
            "moved_on": stale,
            "already_recorded": stale and already_recorded(initiative, kind),
            "reason": reason_context(initiative) if kind == TransitionKind.RECOMMENDATION else {},
        },
    )


def already_recorded(initiative, kind):
    """The newest recommendation or decision, named on a page whose step was already taken."""
    if kind == TransitionKind.RECOMMENDATION:
        return initiative.recommendations.order_by("-recorded_at", "-pk").first()
    return initiative.decisions.order_by("-recorded_at", "-pk").first()


@login_required
def recommend(request, region_slug, pk, transition_pk):
    return _record(
        request,
        region_slug,
        pk,
        transition_pk,
        TransitionKind.RECOMMENDATION,
        RecommendationForm,
        domain.record_recommendation,
        "initiatives/recommendation_form.html",
    )


@login_required
def decide(request, region_slug, pk, transition_pk):
    return _record(
        request,
        region_slug,
        pk,
        transition_pk,
        TransitionKind.DECISION,
        DecisionForm,
        domain.record_decision,
        "initiatives/decision_form.html",
    )


@login_required
def correct(request, region_slug, pk, decision_pk):
    initiative = initiative_for(request, region_slug, pk)
    decision = get_object_or_404(initiative.decisions, pk=decision_pk)
    check(request, "initiatives.correct_decision", initiative)
    form = CorrectionForm(request.POST or None, region=initiative.region, decision=decision)
    if form.is_valid():
        data = form.cleaned_data
        try:
            correction = domain.correct_decision(
                decision,
                actor=request.user,
                reason=data["rationale"],
                decided_on=data["decided_on"],
                registration_number=data["registration_number"],
                budget=data["budget"],
                follow_up_plan=data["follow_up_plan"],
                paid_from=data["paid_from"],
                committed_amount=data["committed_amount"],
                release_commitment=data.get("release_commitment", False),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The correcting decision is recorded."))
            if data.get("release_commitment"):
                messages.info(
                    request,
                    _(
                        "The commitment is released: %(commitments)s can be committed again. "
                        "The correction commits no agreement funds."
                    )
                    % {
                        "commitments": "; ".join(
                            describe(c) for c in correction.released_commitments.all()
                        )
                    },
                )
            return to_detail(initiative, "decisions")
    return render(
        request,
        "initiatives/decision_form.html",
        {
            "initiative": initiative,
            "form": form,
            "correcting": decision,
        },
    )
