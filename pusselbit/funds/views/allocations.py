"""The region's agreement funds: the overview, an agreement's tables (with their .xlsx and .csv),
and the allocation form for finance officers. Another region's page is a 404; a page the user's
roles do not allow is a 403."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors
from pusselbit.organisations.queries import object_in_region, region_with

from .. import charts, exports, page_context, queries
from ..domain import AllocationRefused, RateTotalUnconfirmed, allocate_funds
from ..forms.allocations import AllocationForm
from ..models import Agreement, Allocation, RegionFunds, Share
from ..tables import agreement_tables, allocation_basis


def _agreement(region, pk) -> Agreement:
    """An agreement that brings the region funds; any other is a 404 here."""
    return get_object_or_404(Agreement.objects.filter(funds__region=region).distinct(), pk=pk)


def _funds(region, pk) -> RegionFunds:
    return get_object_or_404(
        RegionFunds.objects.filter(region=region).select_related(
            "agreement", "direction", "region"
        ),
        pk=pk,
    )


def _tables(request, region_slug, agreement_pk):
    region, agreement = object_in_region(
        request, region_slug, _agreement, agreement_pk, perm="funds.view_funds"
    )
    return region, agreement_tables(agreement, region)


@login_required
def overview(request, region_slug):
    """The newest agreement years per direction; earlier years one line each (ten years of
    agreements in full were most of the page), each linking to its agreement's page."""
    region = region_with(request, region_slug, "funds.view_funds")
    recent, earlier = queries.funds_overview(region)
    return render(
        request,
        "funds/allocations/overview.html",
        {
            "region": region,
            "agreements": recent,
            "earlier": earlier,
            "can_manage": request.user.has_perm("funds.manage_funds", region),
        },
    )


@login_required
def agreement(request, region_slug, agreement_pk):
    region, tables = _tables(request, region_slug, agreement_pk)
    return render(
        request,
        "funds/allocations/agreement.html",
        {
            "region": region,
            # The year before may have set preconditions for these funds (reporting adds them).
            **page_context.agreement_page(region, tables.agreement),
            "agreement": tables.agreement,
            "tables": tables,
            "charts": charts.charts_for(tables),
            "can_manage": request.user.has_perm("funds.manage_funds", region),
        },
    )


@login_required
def agreement_xlsx(request, region_slug, agreement_pk):
    _, tables = _tables(request, region_slug, agreement_pk)
    return exports.agreement_xlsx(tables)


@login_required
def agreement_csv(request, region_slug, agreement_pk):
    """Swedish CSV by default (what Excel set to Swedish reads); `?format=plain` for programs."""
    _, tables = _tables(request, region_slug, agreement_pk)
    return exports.agreement_csv(tables, swedish=request.GET.get("format") != "plain")


@login_required
def allocate(request, region_slug, funds_pk):
    region, funds = object_in_region(
        request, region_slug, _funds, funds_pk, perm="funds.manage_funds"
    )
    current = (
        Allocation.objects.filter(funds=funds)
        .prefetch_related(Prefetch("shares", Share.objects.select_related("recipient")))
        .first()
    )
    shares = list(current.shares.all()) if current else []  # pooled first, then by name
    locked = (
        Share.objects.filter(allocation__funds=funds)
        .filter(Q(commitments__isnull=False) | Q(spendings__isnull=False))
        .exists()
    )
    posted = request.method == "POST" and not locked  # the page says why it cannot be
    form = AllocationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        funds=funds,
        current=current,
    )
    if posted and form.is_valid():
        try:
            allocate_funds(funds, actor=request.user, **form.allocation_kwargs())
        except RateTotalUnconfirmed as error:
            form.ask_to_confirm(error)
            add_errors(form, error)
        except AllocationRefused as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(direction)s is allocated.") % {"direction": funds.direction.display_name},
            )
            response = redirect("funds:agreement", region.slug, funds.agreement_id)
            response["Location"] += f"#direction-{funds.pk}"
            return response
    return render(
        request,
        "funds/allocations/allocate.html",
        {
            "region": region,
            "funds": funds,
            "allocation": current,
            "shares": shares,
            "allocated": sum((share.amount for share in shares), Decimal("0")),
            "basis": allocation_basis(current, shares),
            "locked": locked,
            "form": form,
        },
    )
