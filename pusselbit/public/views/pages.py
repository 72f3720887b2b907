"""The public pages (insyn): no sign-in, the same for everyone, cacheable. They read only
through publishing.py, which decides what is public."""

from functools import wraps

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .. import plans as public_plans
from .. import publishing
from ..forms import PublicFilterForm

# Shared caches may keep an anonymous page five minutes: a new decision shows within that.
MAX_AGE = 300

# The region's open datasets (pusselbit.opendata, by slug) each page shows, linked at its foot.
INITIATIVE_DATA = [("beslutade-satsningar", _("Decided initiatives"))]
MONEY_DATA = [
    ("fordelning", _("Allocation of the funds")),
    ("rekvisitioner", _("Requisitions")),
    ("aterbetalning", _("Repayment of unused funds")),
]
PLAN_DATA = [
    ("indikatorvarden", _("Indicator values")),
    ("handlingsplan-mal", _("Action-plan goals")),
]


def public_page(view):
    """GET and HEAD only; the anonymous get a cacheable answer (a signed-in user's answers
    are made private by accounts.middleware.PrivateToSignedInMiddleware)."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapper


@public_page
def start(request):
    return render(request, "public/start.html", {"regions": publishing.regions()})


@public_page
def initiatives(request, region):
    region = publishing.region_named(region)
    dates = publishing.published_dates(region)
    form = PublicFilterForm(request.GET or None, choices=publishing.filter_choices(region, dates))
    filters = form.filters()
    page, withheld = publishing.initiative_page(region, filters, request.GET.get("page"), dates)
    return render(
        request,
        "public/initiatives.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "withheld": withheld,
            "filtered": any(vars(filters).values()),
            "datasets": INITIATIVE_DATA,
        },
    )


@public_page
def initiative(request, region, pk):
    """A decided initiative's public page; a withheld one says so, with the reason, and is
    answered 200: the address exists and the page is the region's answer (451 is for content
    withheld on legal demand by a third party, and would make crawlers and caches treat the
    notice as an error)."""
    region = publishing.region_named(region)
    record = publishing.public_initiative(region, pk)
    if isinstance(record, publishing.WithheldRecord):
        return render(request, "public/withheld.html", {"region": region, "record": record})
    context = {"region": region, "initiative": record, "datasets": INITIATIVE_DATA}
    return render(request, "public/initiative.html", context)


@public_page
def money(request, region):
    region = publishing.region_named(region)
    recent, earlier = publishing.agreements(region)
    context = {"region": region, "agreements": recent, "earlier": earlier, "datasets": MONEY_DATA}
    return render(request, "public/money.html", context)


@public_page
def agreement(request, region, agreement_pk):
    region = publishing.region_named(region)
    agreement, tables, charts = publishing.agreement_money(region, agreement_pk)
    return render(
        request,
        "public/agreement.html",
        {
            "region": region,
            "agreement": agreement,
            "tables": tables,
            "charts": charts,
            "datasets": MONEY_DATA,
        },
    )


@public_page
def plans(request, region):
    region = publishing.region_named(region)
    context = {"region": region, "plans": public_plans.plans_of(region), "datasets": PLAN_DATA}
    return render(request, "public/plans.html", context)


@public_page
def plan(request, region, pk):
    """An adopted action plan: its goals, and each indicator's values as a chart beside their
    table. A draft is a 404."""
    region = publishing.region_named(region)
    plan = public_plans.public_plan(region, pk)
    context = {
        "region": region,
        "plan": plan,
        "series": public_plans.indicator_series(plan),
        "datasets": PLAN_DATA,
    }
    return render(request, "public/plan.html", context)
