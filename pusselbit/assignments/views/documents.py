"""The region's assignment documents: the list, a new document's text, the document on screen,
and editing its text (a concurrent save is refused, keeping what was typed)."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.documents.snapshot import from_data
from pusselbit.organisations.queries import region_with

from .. import domain, queries
from ..document import allocated_anew
from ..forms import AssignmentForm, NewAssignmentForm
from .base import CONCURRENT_EDIT, LOCKED, assignment_for, to_detail, today


@login_required
def assignment_list(request, region_slug):
    region = region_with(request, region_slug, "assignments.view_assignments")
    return render(
        request,
        "assignments/list.html",
        {
            "region": region,
            # One page: a region's documents pile up year after year.
            "assignments": paginate(request, queries.assignments_in(region, today())),
            "can_manage": request.user.has_perm("assignments.manage_assignments", region),
        },
    )


@login_required
def create(request, region_slug):
    region = region_with(request, region_slug, "assignments.manage_assignments")
    form = NewAssignmentForm(request.POST or None, region=region)
    if form.is_valid():
        try:
            assignment = domain.create_assignment(region, actor=request.user, **form.values())
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, to_detail)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The assignment document is saved as a draft."))
            return to_detail(assignment)
    return render(request, "assignments/assignment_form.html", {"region": region, "form": form})


@login_required
def detail(request, region_slug, pk):
    assignment = assignment_for(request, region_slug, pk)
    region = assignment.region
    user = request.user
    document = queries.assignment_document(assignment, today())
    adopted = document.assignment.adopted_content
    return render(
        request,
        "assignments/detail.html",
        {
            "region": region,
            "document": document,
            # An adopted assignment shows its document as adopted (document.py).
            "record": from_data(adopted) if adopted else None,
            "allocated_anew": allocated_anew(document.assignment),
            "can_edit": not assignment.locked
            and user.has_perm("assignments.manage_assignments", region),
            "can_follow_up": user.has_perm("assignments.follow_up_assignments", region),
        },
    )


@login_required
def edit(request, region_slug, pk):
    assignment = assignment_for(request, region_slug, pk, "assignments.manage_assignments")
    # The form writes what was typed onto its instance; the page keeps the saved title.
    form = AssignmentForm(request.POST or None, instance=copy(assignment), region=assignment.region)
    if form.is_valid():
        try:
            domain.update_assignment(
                assignment,
                actor=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                **form.values(),
            )
        except ConcurrentEdit:
            form.add_error(None, CONCURRENT_EDIT)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The assignment document is saved."))
            return to_detail(assignment)
    return render(
        request,
        "assignments/assignment_form.html",
        {
            "region": assignment.region,
            "assignment": assignment,
            "form": form,
            "locked": LOCKED if assignment.locked else "",
        },
    )
