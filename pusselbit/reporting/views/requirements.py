"""The county coordinator's pages for setting up a reporting requirement: who reports on which
question set under which agreement, by when, and when they are reminded. Another region's page
is a 404; without the role to manage reporting, a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.formatting import format_long_date
from pusselbit.core.forms import add_errors
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_with

from .. import queries
from ..domain.requirements import (
    create_requirement,
    remove_requirement,
    update_requirement,
    write_narrative,
)
from ..forms import NarrativeForm, RequirementForm
from ..models import Report

MANAGE = "reporting.manage_reporting"


@login_required
def create_view(request, region_slug):
    region = region_with(request, region_slug, MANAGE)
    form = RequirementForm(request.POST or None, region=region)
    if form.is_valid():
        try:
            requirement = create_requirement(
                actor=request.user,
                region=region,
                submission=form.submission_key,
                **form.requirement_fields(),
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(
                request, sent, lambda made: redirect("reporting:overview", region.slug)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The reporting requirement is saved: %(requirement)s.")
                % {"requirement": _describe(requirement)},
            )
            return redirect("reporting:overview", region.slug)
    return render(request, "reporting/requirement_form.html", {"region": region, "form": form})


@login_required
def edit_view(request, region_slug, requirement_pk):
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=MANAGE
    )
    locked = Report.objects.filter(requirement=requirement).exists()
    form = RequirementForm(
        request.POST or None, region=region, requirement=requirement, locked=locked
    )
    conflict = False
    if form.is_valid():
        try:
            requirement = update_requirement(
                actor=request.user,
                requirement=requirement,
                expected_version=form.cleaned_data["edit_version"],
                **form.requirement_fields(),
            )
        except ConcurrentEdit as error:
            conflict = True
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The changes are saved: %(requirement)s.")
                % {"requirement": _describe(requirement)},
            )
            return redirect("reporting:overview", region.slug)
    context = {
        "region": region,
        "form": form,
        "requirement": requirement,
        "locked": locked,
        "conflict": conflict,
    }
    return render(request, "reporting/requirement_form.html", context)


@login_required
def narrative_view(request, region_slug, requirement_pk):
    """The development lead writes the county's report text before compiling."""
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=MANAGE
    )
    form = NarrativeForm(request.POST or None, requirement=requirement)
    conflict = False
    if form.is_valid():
        try:
            write_narrative(
                request.user,
                requirement,
                form.cleaned_data["narrative"],
                expected_version=form.cleaned_data["edit_version"],
            )
        except ConcurrentEdit as error:
            conflict = True
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The county's report text is saved; the next compiled report opens with it."),
            )
            return redirect("reporting:overview", region.slug)
    context = {"region": region, "requirement": requirement, "form": form, "conflict": conflict}
    return render(request, "reporting/narrative_form.html", context)


@login_required
def remove_view(request, region_slug, requirement_pk):
    """Asks first (GET), removes on POST; a requirement with reports says why it stays."""
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=MANAGE
    )
    error = ""
    if request.method == "POST":
        description = _describe(requirement)
        try:
            remove_requirement(actor=request.user, requirement=requirement)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                _("The reporting requirement is removed: %(requirement)s.")
                % {"requirement": description},
            )
            return redirect("reporting:overview", region.slug)
    context = {
        "region": region,
        "requirement": requirement,
        "description": _describe(requirement),
        "has_reports": Report.objects.filter(requirement=requirement).exists(),
        "error": error,
    }
    return render(request, "reporting/requirement_remove.html", context)


def _describe(requirement) -> str:
    """ "Final report, ÖK 2020, last day 31 March 2021" (in the page's language)."""
    return _("%(kind)s, %(agreement)s, last day %(deadline)s") % {
        "kind": requirement.get_kind_display(),
        "agreement": requirement.agreement,
        "deadline": format_long_date(requirement.deadline),
    }
