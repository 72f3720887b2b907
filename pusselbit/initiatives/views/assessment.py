from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import domain
from ..forms.assessment import CriteriaForm, PreparationForm
from ..queries.advice import reason_context
from .base import add_errors, check, initiative_for, to_detail


@login_required
def criteria(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.assess_criteria", initiative)
    form = CriteriaForm(request.POST or None, assessments=initiative.criterion_assessments.all())
    if form.is_valid():
        try:
            domain.assess_criteria(
                initiative,
                form.assessed(),
                actor=request.user,
                reason_to_proceed=form.cleaned_data["reason_to_proceed"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return to_detail(initiative, "criteria")
    return render(
        request,
        "initiatives/criteria.html",
        {"initiative": initiative, "form": form, "reason": reason_context(initiative)},
    )


@login_required
def preparation(request, region_slug, pk):
    """All five preparation steps on one form, saved at once."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.record_preparation", initiative)
    form = PreparationForm(request.POST or None, records=initiative.preparation_records.all())
    if form.is_valid():
        try:
            saved = domain.record_preparation(initiative, form.steps(), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if saved:
                messages.success(request, _("The preparation steps are saved."))
            return to_detail(initiative, "preparation")
    return render(request, "initiatives/preparation.html", {"initiative": initiative, "form": form})
