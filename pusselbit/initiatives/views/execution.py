"""The running initiative's pages (steps 10–12): follow-up, adjustment, seminar, final
evaluation and resource review. Each shows its form, records through the domain and returns to
the initiative page's execution section."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..domain import execution as domain
from ..forms.execution import (
    AdjustmentForm,
    FinalEvaluationForm,
    ProgressReportForm,
    ResourceReviewForm,
    SeminarForm,
)
from ..models import EffectMeasure
from .base import add_errors, check, initiative_for, to_detail

ANCHOR = "execution"


def _page(request, initiative, form, template, **context):
    return render(
        request,
        f"initiatives/execution/{template}",
        {"initiative": initiative, "region": initiative.region, "form": form, **context},
    )


@login_required
def progress_report(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.report_progress", initiative)
    measures = EffectMeasure.objects.filter(proposal__initiative=initiative)
    form = ProgressReportForm(request.POST or None, measures=measures)
    if form.is_valid():
        try:
            domain.report_progress(initiative, actor=request.user, **form.report())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The follow-up is reported."))
            return to_detail(initiative, ANCHOR)
    return _page(request, initiative, form, "progress_report.html")


def _record(request, region_slug, pk, *, perm, form_class, record, title, success, once=None):
    """A page with one form that records one row through `record`. `once` names the initiative's
    one-to-one row for the records made only once; when it exists the page says so instead."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, perm, initiative)
    existing = getattr(initiative, once, None) if once else None
    form = form_class(request.POST or None) if existing is None else None
    if form is not None and form.is_valid():
        try:
            record(initiative, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return to_detail(initiative, ANCHOR)
    return _page(request, initiative, form, "record.html", title=title, existing=existing)


@login_required
def adjustment(request, region_slug, pk):
    return _record(
        request,
        region_slug,
        pk,
        perm="initiatives.record_adjustment",
        form_class=AdjustmentForm,
        record=domain.record_adjustment,
        title=gettext_lazy("Record an adjustment agreed with the steering group"),
        success=_("The adjustment is recorded."),
    )


@login_required
def seminar(request, region_slug, pk):
    return _record(
        request,
        region_slug,
        pk,
        perm="initiatives.record_seminar",
        form_class=SeminarForm,
        record=domain.record_seminar,
        title=gettext_lazy("Record a seminar"),
        success=_("The seminar is recorded."),
    )


@login_required
def final_evaluation(request, region_slug, pk):
    return _record(
        request,
        region_slug,
        pk,
        perm="initiatives.record_final_evaluation",
        form_class=FinalEvaluationForm,
        record=domain.record_final_evaluation,
        title=gettext_lazy("Record the final evaluation"),
        success=_("The final evaluation is recorded."),
        once="final_evaluation",
    )


@login_required
def resource_review(request, region_slug, pk):
    return _record(
        request,
        region_slug,
        pk,
        perm="initiatives.review_resources",
        form_class=ResourceReviewForm,
        record=domain.review_resources,
        title=gettext_lazy("Review economic and personnel resources"),
        success=_("The resource review is recorded."),
        once="resource_review",
    )
