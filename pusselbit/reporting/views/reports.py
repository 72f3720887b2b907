"""Reporting pages: the overview of who has reported, a recipient's report (a form while a draft,
read-only once submitted, with its earlier versions), and the correction. Another region's page
is a 404; saving, submitting and correcting without the roles for it is a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pusselbit.attachments.queries import section as attachment_section
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.core.permissions import check
from pusselbit.organisations.queries import object_in_region, region_with

from .. import queries
from ..domain import correct_report, save_report
from ..domain.reminders import not_reminded
from ..domain.reports import current_report
from ..enums import ReportStatus
from ..forms import ReportForm

VIEW = "reporting.view_reporting"
# Lazy: built when the page is, in its language.
CONCURRENT_EDIT = gettext_lazy(
    "Someone else saved the report after you opened it; your answers were not saved."
)


def _recipient_in_view(request, region, requirement, recipient_pk):
    """The recipient, if the user may see its report (as on the overview); a 404 otherwise."""
    recipient = queries.recipient_of(requirement, recipient_pk)
    own = queries.own_organisation_ids(request.user, region)
    recipient_ids = requirement.recipients.values_list("pk", flat=True)
    if recipient.pk not in queries.visible_recipient_ids(request.user, region, recipient_ids, own):
        raise Http404
    return recipient


def _check_may_report(request, region, recipient) -> None:
    """The role to report, and either the county view or work for the recipient."""
    check(request, "reporting.report", region)
    if not request.user.has_perm("reporting.manage_reporting", region) and (
        recipient.pk not in queries.own_organisation_ids(request.user, region)
    ):
        raise PermissionDenied


def _may_report(request, region, recipient) -> bool:
    try:
        _check_may_report(request, region, recipient)
    except PermissionDenied:
        return False
    return True


def _chosen_agreement(agreements, value):
    """The agreement asked for in the address, else the newest: its reports are the ones open."""
    for agreement in agreements:
        if str(agreement.pk) == value:
            return agreement
    return agreements[0] if agreements else None


@login_required
def overview(request, region_slug):
    """One agreement's requirements (the newest by default; ?overenskommelse= for another), each
    with its counts per status and the user's own organisations' reports; every recipient's row
    is on the requirement's own, paginated page."""
    region = region_with(request, region_slug, VIEW)
    today = timezone.localdate()
    agreements = queries.agreements_with_requirements(region)
    agreement = _chosen_agreement(agreements, request.GET.get("overenskommelse"))
    requirements = queries.overview(request.user, region, agreement, today=today)
    plain = [r.requirement for r in requirements]
    can_compile = request.user.has_perm("reporting.manage_reporting", region)
    context = {
        "region": region,
        "agreements": agreements,
        "agreement": agreement,
        "requirements": requirements,
        "status_labels": queries.RecipientStatus.LABELS,
        "today": today,
        "can_compile": can_compile,
        "compilations": queries.latest_compilations(plain) if can_compile else {},
        # Who no reminder reaches is told to the coordinator, never skipped in silence: here
        # how many, on the requirement's page who and why.
        "not_reminded": not_reminded(queries.with_recipients(plain)) if can_compile else {},
    }
    return render(request, "reporting/overview.html", context)


@login_required
def recipients(request, region_slug, requirement_pk):
    """Every recipient of one requirement the user may see, a page at a time, with its status;
    ?status= shows those in one status."""
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=VIEW
    )
    today = timezone.localdate()
    status = request.GET.get("status")
    status = status if status in queries.RecipientStatus.ALL else None
    page = paginate(
        request,
        queries.recipients_in_view(request.user, region, requirement, status=status, today=today),
    )
    can_compile = request.user.has_perm("reporting.manage_reporting", region)
    unreached = (
        not_reminded(queries.with_recipients([requirement])).get(requirement.pk, [])
        if can_compile
        else []
    )
    context = {
        "region": region,
        "requirement": requirement,
        "status": status,
        "status_labels": queries.RecipientStatus.LABELS,
        "counts": queries.status_counts(request.user, region, requirement, today),
        "page": page,
        "rows": queries.recipient_rows(requirement, list(page), today),
        "can_compile": can_compile,
        "not_reminded": paginate(request, unreached, param="paminnas"),
    }
    return render(request, "reporting/recipients.html", context)


@login_required
def report(request, region_slug, requirement_pk, recipient_pk):
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=VIEW
    )
    recipient = _recipient_in_view(request, region, requirement, recipient_pk)
    current = current_report(requirement, recipient)
    may_report = _may_report(request, region, recipient)
    submitted = current is not None and current.status == ReportStatus.SUBMITTED
    if submitted or (not may_report and request.method != "POST"):
        if request.method == "POST":
            raise PermissionDenied
        return _render_report(request, region, requirement, recipient, current, may_report)
    questions = queries.questions_of(requirement.question_set)
    form = ReportForm(
        request.POST or None,
        questions=questions,
        initial={"edit_version": current.edit_version if current else 1},
        initial_answers=queries.initial_answers(current),
    )
    if request.method == "POST":
        _check_may_report(request, region, recipient)
        if form.is_valid():
            submitting = "submit" in request.POST
            try:
                draft = save_report(
                    requirement,
                    recipient,
                    form.answers(),
                    actor=request.user,
                    expected_version=form.cleaned_data["edit_version"],
                    submit=submitting,
                )
            except ConcurrentEdit:
                form.add_error(None, CONCURRENT_EDIT)
            except ValidationError as error:
                add_errors(form, form.domain_error(error))
            else:
                messages.success(
                    request,
                    _("The report is submitted with registration number %(number)s.")
                    % {"number": draft.registration_number}
                    if submitting
                    else _("The draft is saved."),
                )
                return redirect("reporting:report", region.slug, requirement.pk, recipient.pk)
    return _render_report(request, region, requirement, recipient, current, may_report, form=form)


def _render_report(request, region, requirement, recipient, current, may_report, form=None):
    all_versions = queries.versions(requirement, recipient)
    days_left = (requirement.deadline - timezone.localdate()).days
    context = {
        "region": region,
        "requirement": requirement,
        "recipient": recipient,
        "report": current,
        "form": form,
        "may_report": may_report,
        "sections": queries.answered_sections(current) if form is None and current else None,
        "earlier_versions": [v for v in all_versions if current is None or v.pk != current.pk],
        "ledger_rows": queries.ledger_of(region, requirement.agreement, recipient),
        "initiatives": queries.initiatives_of(region, recipient),
        "days_left": days_left,
        "days_late": -days_left,
        **_submission_facts(current, requirement),
        # The evaluation reports and other files on the current version, once there is one.
        **(attachment_section(current, request.user) if current else {}),
    }
    return render(request, "reporting/report.html", context)


def _submission_facts(report, requirement) -> dict:
    """The day a submitted report came in (in Swedish time) and, when that was after the
    deadline, by how many days."""
    if report is None or report.submitted_at is None:
        return {"submitted_on": None, "late_by": None}
    late = queries.submitted_late(report, requirement.deadline)
    return {
        "submitted_on": timezone.localdate(report.submitted_at),
        "late_by": queries.days_submitted_late(report, requirement.deadline) if late else None,
    }


@login_required
@require_POST
def correct(request, region_slug, requirement_pk, recipient_pk):
    region, requirement = object_in_region(
        request, region_slug, queries.requirement_in, requirement_pk, perm=VIEW
    )
    recipient = _recipient_in_view(request, region, requirement, recipient_pk)
    _check_may_report(request, region, recipient)
    current = current_report(requirement, recipient)
    if current is None:
        raise Http404
    try:
        correct_report(current, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A new version is opened; the submitted one is kept as it was.")
        )
    return redirect("reporting:report", region.slug, requirement.pk, recipient.pk)


@login_required
def version(request, region_slug, report_pk):
    region, one = object_in_region(request, region_slug, queries.report_in, report_pk, perm=VIEW)
    requirement = one.requirement
    _recipient_in_view(request, region, requirement, one.recipient_id)
    context = {
        "region": region,
        "requirement": requirement,
        "recipient": one.recipient,
        "report": one,
        "sections": queries.answered_sections(one),
        **_submission_facts(one, requirement),
        **attachment_section(one, request.user),
    }
    return render(request, "reporting/version.html", context)
