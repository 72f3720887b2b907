from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.formsets import all_valid
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.formsets import ErrorSummary, show_refusals
from pusselbit.core.rows import RowsRefused

from .. import domain
from ..domain.proposal import PROPOSAL_FIELDS, proposal_of
from ..forms.proposal import BudgetFormSet, MeasureFormSet, ProposalForm
from ..queries.initiatives import budget_by_year
from .base import check, initiative_for, to_detail
from .ideas import CONCURRENT_EDIT

# The button that saves and stays on the page, with new blank rows.
KEEP_EDITING = "keep_editing"


@login_required
def edit(request, region_slug, pk):
    """The proposal's texts, its effect measures and its budget on one page, saved at once."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.change_proposal", initiative)
    proposal = proposal_of(initiative)
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, instance=proposal)
    measures = MeasureFormSet(data, queryset=proposal.measures.all(), prefix="measure")
    budget = BudgetFormSet(data, queryset=proposal.budget_lines.all(), prefix="budget")
    if data is not None and all_valid([form, measures, budget]):
        try:
            domain.save_proposal(
                initiative,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                texts={name: form.cleaned_data[name] for name in PROPOSAL_FIELDS},
                measures=measures.changes(),
                budget_lines=budget.changes(),
            )
        except ConcurrentEdit:
            form.add_error(None, CONCURRENT_EDIT)
        except RowsRefused as refused:
            show_refusals(refused.refusals)
        else:
            messages.success(request, _("The proposal is saved."))
            if KEEP_EDITING in request.POST:
                return redirect("initiatives:proposal", initiative.region.slug, initiative.pk)
            return to_detail(initiative, "proposal")
    return render(
        request,
        "initiatives/proposal_form.html",
        {
            "initiative": initiative,
            "form": form,
            "measures": measures,
            "budget": budget,
            "errors": ErrorSummary(form, measures, budget),
            "budget_years": budget_by_year(list(proposal.budget_lines.all())),
            "keep_editing": KEEP_EDITING,
        },
    )
