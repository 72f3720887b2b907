"""The preconditions for next year's funds: the table of who meets them (anyone in the region
may look), the county coordinator's marking of many recipients at once against a precondition
(one form, a checkbox per recipient), and a new precondition added on the same page. Another
region's page is a 404; marking or adding without the role for it is a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.forms import add_errors
from pusselbit.core.permissions import check
from pusselbit.core.submissions import AlreadySubmitted
from pusselbit.funds.models import Agreement
from pusselbit.organisations.queries import object_in_region

from ..domain.preconditions import add_precondition, record_precondition_checks
from ..forms import PreconditionChecksForm, PreconditionForm
from ..preconditions import precondition_table


def _agreement_in(region, agreement_pk) -> Agreement:
    """The agreement, if the region has requirements or preconditions under it; else a 404."""
    return get_object_or_404(
        Agreement.objects.filter(
            Q(requirements__region=region) | Q(preconditions__region=region)
        ).distinct(),
        pk=agreement_pk,
    )


@login_required
def preconditions(request, region_slug, agreement_pk):
    region, agreement = object_in_region(
        request, region_slug, _agreement_in, agreement_pk, perm="reporting.view_reporting"
    )
    can_check = request.user.has_perm("reporting.manage_reporting", region)
    form = None
    if request.method == "POST":
        check(request, "reporting.manage_reporting", region)
        form = PreconditionForm(request.POST, region=region, agreement=agreement)
        if form.is_valid():
            try:
                precondition = add_precondition(
                    actor=request.user,
                    region=region,
                    agreement=agreement,
                    text=form.cleaned_data["text"],
                    requirement=form.cleaned_data["requirement"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("“%(precondition)s” is added to the preconditions.")
                    % {"precondition": precondition.text},
                )
                return redirect("reporting:preconditions", region.slug, agreement.pk)
    elif can_check:
        form = PreconditionForm(region=region, agreement=agreement)
    table = precondition_table(region, agreement)
    return _render(request, region, agreement, table, can_check=can_check, form=form)


def _checks_form(table, data=None):
    return PreconditionChecksForm(
        data,
        preconditions=table.checked_by_hand,
        recipients=[row.recipient for row in table.rows],
        prefix="checks",
    )


def _render(request, region, agreement, table, *, can_check, form=None, checks_form=None):
    if can_check and checks_form is None and table.checked_by_hand and table.rows:
        checks_form = _checks_form(table)
    chosen = set()
    if checks_form is not None and checks_form.is_bound:
        chosen = set(checks_form.data.getlist(checks_form.add_prefix("recipients")))
    context = {
        "region": region,
        "agreement": agreement,
        "table": table,
        "can_check": can_check,
        "form": form,
        "checks_form": checks_form,
        "chosen": chosen,
    }
    return render(request, "reporting/preconditions.html", context)


@login_required
@require_POST
def check_many_view(request, region_slug, agreement_pk):
    """One form marks many recipients as meeting (or not) one precondition."""
    region, agreement = object_in_region(
        request, region_slug, _agreement_in, agreement_pk, perm="reporting.manage_reporting"
    )
    table = precondition_table(region, agreement)
    checks_form = _checks_form(table, request.POST)
    if checks_form.is_valid():
        data = checks_form.cleaned_data
        precondition, recipients = data["precondition"], list(data["recipients"])
        try:
            record_precondition_checks(
                precondition,
                recipients,
                actor=request.user,
                met=data["met"],
                note=data["note"],
                submission=checks_form.submission_key,
            )
        except AlreadySubmitted:
            messages.info(request, _("This form had already been sent; nothing more is changed."))
            return redirect("reporting:preconditions", region.slug, agreement.pk)
        except ValidationError as error:
            add_errors(checks_form, error)
        else:
            names = ", ".join(r.name for r in recipients)
            messages.success(
                request,
                (
                    _("Marked as meeting “%(precondition)s”: %(recipients)s.")
                    if data["met"]
                    else _("Marked as not meeting “%(precondition)s”: %(recipients)s.")
                )
                % {"precondition": precondition.text, "recipients": names},
            )
            return redirect("reporting:preconditions", region.slug, agreement.pk)
    return _render(
        request,
        region,
        agreement,
        table,
        can_check=True,
        form=PreconditionForm(region=region, agreement=agreement),
        checks_form=checks_form,
    )
