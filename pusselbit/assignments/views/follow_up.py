"""Following an assignment up: recording that a body adopted it, and that a milestone was
reached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors

from .. import domain
from ..forms import AdoptForm, CompleteMilestoneForm
from .base import assignment_for, to_detail, today


@login_required
def adopt(request, region_slug, pk):
    assignment = assignment_for(request, region_slug, pk, "assignments.follow_up_assignments")
    form = AdoptForm(request.POST or None, initial={"adopted_on": today()})
    if form.is_valid():
        try:
            domain.adopt_assignment(assignment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The assignment is adopted; its content is now a record."))
            return to_detail(assignment)
    return render(
        request,
        "assignments/adopt.html",
        {"region": assignment.region, "assignment": assignment, "form": form},
    )


@login_required
def complete_milestone(request, region_slug, pk, milestone_pk):
    assignment = assignment_for(request, region_slug, pk, "assignments.follow_up_assignments")
    milestone = get_object_or_404(assignment.milestones, pk=milestone_pk)
    form = CompleteMilestoneForm(request.POST or None, initial={"done_on": today()})
    if form.is_valid():
        domain.complete_milestone(milestone, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone is marked as done."))
        return to_detail(assignment, f"milestone-{milestone.pk}")
    return render(
        request,
        "assignments/complete_milestone.html",
        {
            "region": assignment.region,
            "assignment": assignment,
            "milestone": milestone,
            "form": form,
        },
    )
