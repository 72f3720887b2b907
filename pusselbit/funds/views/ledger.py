"""The ledger: per agreement, direction and recipient what is allocated, committed and spent;
one share's account with its spending form; the requisitions. Every lookup is scoped to the
user's region, so another region's share is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core.formatting import format_long_date, format_money, swedish_sort_key
from pusselbit.core.pagination import paginate
from pusselbit.core.submissions import AlreadySubmitted
from pusselbit.organisations.queries import object_in_region, region_with

from .. import queries
from ..domain import InsufficientFunds, record_requisition, report_spending
from ..forms.ledger import LedgerFilterForm, RequisitionForm, SpendingForm

LEDGER_ROWS = 120  # Dalarna has 34 shares a year, Västra Götaland about 100: a year on one page
REQUISITIONS = 50


@login_required
def ledger(request, region_slug):
    """Allocated → committed → spent for one agreement (the newest unless another is chosen),
    per direction and recipient, a page of rows at a time, with the totals of all of them."""
    region = region_with(request, region_slug, "funds.view_funds")
    agreements = queries.agreements_with_funds(region)
    form = LedgerFilterForm(request.GET or None, agreements=agreements)
    agreement = (form.cleaned_data["avtal"] if form.is_valid() else None) or agreements.first()
    ledger, page = None, None
    if agreement is not None:
        today = timezone.localdate()
        page = paginate(request, queries.ledger_shares(region, agreement), per_page=LEDGER_ROWS)
        ledger = queries.ledger_page(region, agreement, page, today=today)
    return render(
        request,
        "funds/ledger/ledger.html",
        {
            "region": region,
            "form": form,
            "ledger": ledger,
            "page": page,
            "can_requisition": request.user.has_perm("funds.manage_funds", region),
        },
    )


@login_required
def account(request, region_slug, share_pk):
    """One share's commitments and spending; those who may report spending do it here."""
    region, row = object_in_region(
        request,
        region_slug,
        queries.account,
        share_pk,
        perm="funds.view_funds",
        today=timezone.localdate(),
    )
    can_report = request.user.has_perm("funds.report_spending", region)
    if request.method == "POST" and not can_report:
        raise PermissionDenied
    form = SpendingForm(request.POST or None, share=row.share) if can_report else None
    if form is not None and form.is_valid():
        try:
            spending = report_spending(row.share, actor=request.user, **form.cleaned_data)
        except InsufficientFunds as refused:
            form.add_error("amount", refused.messages)
        except AlreadySubmitted as sent:
            messages.info(request, _already_reported(sent.target))
            return redirect("funds:account", region.slug, row.share.pk)
        else:
            messages.success(
                request,
                _("%(amount)s spent is reported.") % {"amount": format_money(spending.amount)},
            )
            return redirect("funds:account", region.slug, row.share.pk)
    return render(
        request,
        "funds/ledger/account.html",
        {
            "region": region,
            "row": row,
            "share": row.share,
            "funds": row.share.allocation.funds,
            "commitments": queries.commitments_of(row.share),
            "spendings": queries.spendings_of(row.share),
            "form": form,
        },
    )


@login_required
def requisitions(request, region_slug):
    """Who requisitioned which funds, from whom, when, and for whom: a page at a time, sorted
    in the database (newest agreement first, then in the order they were made)."""
    region = region_with(request, region_slug, "funds.view_funds")
    municipalities = set(region.organisations.municipalities().values_list("pk", flat=True))
    directions = queries.directions_with_funds(region)
    page = paginate(request, queries.requisitions(region), per_page=REQUISITIONS)
    by_agreement: dict[int, tuple] = {}
    for requisition in page.object_list:
        _describe(requisition, municipalities, directions.get(requisition.agreement_id, set()))
        by_agreement.setdefault(requisition.agreement_id, (requisition.agreement, []))[1].append(
            requisition
        )
    return render(
        request,
        "funds/ledger/requisitions.html",
        {
            "region": region,
            "by_agreement": list(by_agreement.values()),
            "page": page,
            "municipality_count": len(municipalities),
            "can_requisition": request.user.has_perm("funds.manage_funds", region),
        },
    )


def _describe(requisition, municipalities: set[int], funded_directions: set[int]) -> None:
    """Say "the region and all its municipalities" rather than list fifteen names, and "every
    direction" where the requisition covers all the region's funded directions."""
    beneficiaries = sorted(requisition.on_behalf_of.all(), key=lambda o: swedish_sort_key(o.name))
    covered = {o.pk for o in beneficiaries} >= municipalities and len(municipalities) > 1
    requisition.all_municipalities = covered
    requisition.beneficiary_names = ", ".join(
        o.name for o in beneficiaries if not covered or o.pk not in municipalities
    )
    requisition.payee_only = [o.pk for o in beneficiaries] == [requisition.requisitioned_by_id]
    chosen = list(requisition.directions.all())
    requisition.all_directions = len(chosen) > 1 and {d.pk for d in chosen} == funded_directions


@login_required
def requisition_create(request, region_slug):
    region = region_with(request, region_slug, "funds.manage_funds")
    form = RequisitionForm(request.POST or None, region=region)
    if form.is_valid():
        try:
            requisition = record_requisition(
                form.cleaned_data.pop("agreement"), region, actor=request.user, **form.cleaned_data
            )
        except AlreadySubmitted as sent:
            messages.info(request, _already_requisitioned(sent.target))
            return redirect("funds:requisitions", region.slug)
        messages.success(
            request,
            _("The requisition by %(payee)s of %(amount)s is recorded.")
            % {
                "payee": requisition.requisitioned_by.name,
                "amount": format_money(requisition.amount),
            },
        )
        return redirect("funds:requisitions", region.slug)
    return render(request, "funds/ledger/requisition_form.html", {"region": region, "form": form})


def _already_reported(spending) -> str:
    return _(
        "This form had already been sent: %(amount)s spent on %(date)s is reported once, not twice."
    ) % {"amount": format_money(spending.amount), "date": format_long_date(spending.spent_on)}


def _already_requisitioned(requisition) -> str:
    return _(
        "This form had already been sent: the requisition by %(payee)s of %(amount)s is recorded "
        "once, not twice."
    ) % {"payee": requisition.requisitioned_by.name, "amount": format_money(requisition.amount)}
