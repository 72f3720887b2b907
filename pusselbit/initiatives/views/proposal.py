from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.concurrency import ConcurrentEdit

from .. import domain
from ..domain.proposal import PROPOSAL_FIELDS, proposal_of
from ..forms.proposal import BudgetLineForm, EffectMeasureForm, ProposalForm
from ..models import BudgetLine, EffectMeasure
from ..queries.initiatives import budget_totals
from .base import check, initiative_for, to_detail
from .ideas import CONCURRENT_EDIT


@login_required
def edit(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.change_proposal", initiative)
    proposal = proposal_of(initiative)
    form = ProposalForm(request.POST or None, instance=proposal)
    budget_lines = list(proposal.budget_lines.all())
    if form.is_valid():
        try:
            domain.update_proposal(
                initiative,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in PROPOSAL_FIELDS},
            )
        except ConcurrentEdit:
            form.add_error(None, CONCURRENT_EDIT)
        else:
            messages.success(request, _("The proposal is saved."))
            return to_detail(initiative, "proposal")
    return render(
        request,
        "initiatives/proposal_form.html",
        {
            "initiative": initiative,
            "form": form,
            "measures": proposal.measures.all(),
            "budget_lines": budget_lines,
            "budget_totals": budget_totals(budget_lines),
            "measure_form": EffectMeasureForm(prefix="measure"),
            "budget_form": BudgetLineForm(prefix="budget"),
        },
    )


def _add(request, region_slug, pk, form_class, prefix, add, title, success):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.change_proposal", initiative)
    form = form_class(request.POST or None, prefix=prefix)
    if form.is_valid():
        try:
            add(initiative, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return to_detail(initiative, "proposal")
    return render(
        request,
        "initiatives/simple_form.html",
        {"initiative": initiative, "form": form, "title": title},
    )


@login_required
def add_measure(request, region_slug, pk):
    return _add(
        request,
        region_slug,
        pk,
        EffectMeasureForm,
        "measure",
        domain.add_effect_measure,
        _("Add an effect measure"),
        _("The effect measure is added."),
    )


@login_required
def add_budget_line(request, region_slug, pk):
    return _add(
        request,
        region_slug,
        pk,
        BudgetLineForm,
        "budget",
        domain.add_budget_line,
        _("Add a budget line"),
        _("The budget line is added."),
    )


@login_required
@require_POST
def remove_measure(request, region_slug, pk, measure_pk):
    initiative = initiative_for(request, region_slug, pk)
    measure = get_object_or_404(EffectMeasure, proposal__initiative=initiative, pk=measure_pk)
    try:
        domain.remove_effect_measure(measure, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return to_detail(initiative, "proposal")


@login_required
@require_POST
def remove_budget_line(request, region_slug, pk, line_pk):
    initiative = initiative_for(request, region_slug, pk)
    line = get_object_or_404(BudgetLine, proposal__initiative=initiative, pk=line_pk)
    domain.remove_budget_line(line, actor=request.user)
    return to_detail(initiative, "proposal")
