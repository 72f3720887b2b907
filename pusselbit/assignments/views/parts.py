"""The listed parts of a draft: positions, points, reporting lines, milestones, signatories.
Each has a page that lists what is there (with a button to remove each) and a form to add one;
the domain refuses both once the assignment is adopted."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pusselbit.core.forms import add_errors

from .. import domain, forms
from ..enums import PointKind
from ..queries import format_extent, timeline_order
from .base import LOCKED, assignment_for

KIND_ORDER = {kind: i for i, kind in enumerate(PointKind)}


def _position(row) -> str:
    parts = [row.title, row.employer.name if row.employer else "", format_extent(row.extent)]
    return ", ".join(part for part in [*parts, row.note] if part)


@dataclass(frozen=True)
class Part:
    related: str  # the rows' related name on Assignment
    form: type
    add: Callable
    url_name: str
    title: str
    heading: str
    describe: Callable = str
    order: Callable | None = None


PARTS = {
    "tjanst": Part(
        related="positions",
        form=forms.PositionForm,
        add=domain.add_position,
        url_name="assignments:add_position",
        title=gettext_lazy("Positions"),
        heading=gettext_lazy("Add a position"),
        describe=_position,
    ),
    "punkt": Part(
        related="points",
        form=forms.PointForm,
        add=domain.add_point,
        url_name="assignments:add_point",
        title=gettext_lazy("Points"),
        heading=gettext_lazy("Add a point"),
        describe=lambda row: f"{row.get_kind_display()}: {row.text}",
        order=lambda row: (KIND_ORDER[row.kind], row.order, row.pk),
    ),
    "rapportering": Part(
        related="reporting_lines",
        form=forms.ReportingLineForm,
        add=domain.add_reporting_line,
        url_name="assignments:add_reporting_line",
        title=gettext_lazy("Reporting lines"),
        heading=gettext_lazy("Add a reporting line"),
        describe=lambda row: f"{row.to_whom}, {row.how_often}",
    ),
    "milstolpe": Part(
        related="milestones",
        form=forms.MilestoneForm,
        add=domain.add_milestone,
        url_name="assignments:add_milestone",
        title=gettext_lazy("Timeline"),
        heading=gettext_lazy("Add a milestone"),
        describe=lambda row: f"{row.when}: {row.text}",
        order=timeline_order,
    ),
    "undertecknare": Part(
        related="signatories",
        form=forms.SignatoryForm,
        add=domain.add_signatory,
        url_name="assignments:add_signatory",
        title=gettext_lazy("Signatories"),
        heading=gettext_lazy("Add a signatory"),
    ),
}


def part_page(request, region_slug, pk, slug):
    part = PARTS[slug]
    assignment = assignment_for(request, region_slug, pk, "assignments.manage_assignments")
    form = part.form(request.POST or None, region=assignment.region)
    if form.is_valid():
        try:
            part.add(assignment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Added. Add another, or go back to the document."))
            return redirect(part.url_name, assignment.region.slug, assignment.pk)
    rows = list(getattr(assignment, part.related).all())
    if part.order:
        rows.sort(key=part.order)
    return render(
        request,
        "assignments/part_form.html",
        {
            "region": assignment.region,
            "assignment": assignment,
            "part": part,
            "slug": slug,
            "rows": [(row, part.describe(row)) for row in rows],
            "form": form,
            "locked": LOCKED if assignment.locked else "",
        },
    )


@login_required
def add_position(request, region_slug, pk):
    return part_page(request, region_slug, pk, "tjanst")


@login_required
def add_point(request, region_slug, pk):
    return part_page(request, region_slug, pk, "punkt")


@login_required
def add_reporting_line(request, region_slug, pk):
    return part_page(request, region_slug, pk, "rapportering")


@login_required
def add_milestone(request, region_slug, pk):
    return part_page(request, region_slug, pk, "milstolpe")


@login_required
def add_signatory(request, region_slug, pk):
    return part_page(request, region_slug, pk, "undertecknare")


@login_required
@require_POST
def remove_part(request, region_slug, pk, part, part_pk):
    if part not in PARTS:
        raise Http404
    config = PARTS[part]
    assignment = assignment_for(request, region_slug, pk, "assignments.manage_assignments")
    row = get_object_or_404(getattr(assignment, config.related), pk=part_pk)
    try:
        domain.remove_part(row, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed: %(part)s") % {"part": config.describe(row)})
    return redirect(config.url_name, assignment.region.slug, assignment.pk)
