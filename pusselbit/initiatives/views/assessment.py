from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import domain
from ..forms.assessment import CriteriaForm, PreparationForm
from .base import add_errors, check, initiative_for, to_detail


@login_required
def criteria(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.assess_criteria", initiative)
    form = CriteriaForm(request.POST or None, assessments=initiative.criterion_assessments.all())
    if form.is_valid():
        try:
            domain.assess_criteria(initiative, form.assessed(), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return to_detail(initiative, "criteria")
    return render(request, "initiatives/criteria.html", {"initiative": initiative, "form": form})


@login_required
def preparation(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.record_preparation", initiative)
    done = set(initiative.preparation_records.values_list("step", flat=True))
    form = PreparationForm(request.POST or None, done_steps=done)
    if form.is_valid():
        domain.record_preparation_step(
            initiative,
            form.cleaned_data["step"],
            actor=request.user,
            done_on=form.cleaned_data["done_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The preparation step is marked as done."))
        return to_detail(initiative, "criteria")
    return render(
        request,
        "initiatives/simple_form.html",
        {
            "initiative": initiative,
            "form": form,
            "title": _("Mark a preparation step as done"),
        },
    )
