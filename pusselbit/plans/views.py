"""The region's action plans: the list, a plan with its focus areas and goals, a goal with its
indicators over time and the initiatives and assignment documents serving it, and the forms
that add plans, goals and indicators, record values and link initiatives. Another region's page
is a 404; a page the user's roles do not allow is a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.formatting import format_number
from pusselbit.core.forms import add_errors
from pusselbit.core.links import url_maker
from pusselbit.core.pagination import paginate
from pusselbit.core.permissions import check
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_with

from . import domain, queries
from .forms import (
    AdoptPlanForm,
    GoalForm,
    IndicatorForm,
    LinkInitiativeForm,
    LinkSearchForm,
    NewPlanForm,
    ValueForm,
)


def _to(view, region, pk, anchor=""):
    response = redirect(f"plans:{view}", region.slug, pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _may(request, region) -> dict:
    return {
        "can_manage": request.user.has_perm("plans.manage_plans", region),
        "can_record": request.user.has_perm("plans.record_values", region),
    }


@login_required
def plan_list(request, region_slug):
    region = region_with(request, region_slug, "plans.view_plans")
    context = {"region": region, "plans": queries.plans_of(region), **_may(request, region)}
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_create(request, region_slug):
    region = region_with(request, region_slug, "plans.manage_plans")
    form = NewPlanForm(request.POST or None)
    if form.is_valid():
        try:
            plan = domain.create_plan(region, actor=request.user, **form.cleaned_data)
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, lambda made: _to("detail", region, made.pk))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The plan is created with the five focus areas."))
            return _to("detail", region, plan.pk)
    return render(request, "plans/plan_form.html", {"region": region, "form": form})


@login_required
def plan_detail(request, region_slug, pk):
    region, plan = object_in_region(
        request, region_slug, queries.plan_in, pk, perm="plans.view_plans"
    )
    outline = queries.plan_outline(plan)
    _link_goals(region, outline)
    context = {"region": region, "plan": plan, **outline}
    return render(request, "plans/plan_detail.html", context | _may(request, region))


@login_required
def plan_adopt(request, region_slug, pk):
    """Record the adoption of a plan being drafted: it is public from then on."""
    region, plan = object_in_region(
        request, region_slug, queries.plan_in, pk, perm="plans.manage_plans"
    )
    form = AdoptPlanForm(request.POST or None)
    if form.is_valid():
        try:
            domain.adopt_plan(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The plan is adopted, and shown on the region's public pages.")
            )
            return _to("detail", region, plan.pk)
    context = {"region": region, "plan": plan, "form": form}
    return render(request, "plans/adopt.html", context)


def _link_goals(region, outline) -> None:
    """Each goal's link and label once (`reverse` and gettext per mention cost most of the
    page), shared by the focus areas and the indicators that follow the goal."""
    goal_url = url_maker("plans:goal", region.slug)
    goals = {}
    for area in outline["focus_areas"]:
        for goal in area.goals.all():
            goal.url, goal.label_text = goal_url(goal.pk), goal.label
            goals[goal.pk] = goal
    for indicator in outline["indicators"]:
        indicator.goal_links = [goals.get(goal.pk, goal) for goal in indicator.goals.all()]
        for goal in indicator.goal_links:
            if not hasattr(goal, "url"):
                goal.url, goal.label_text = goal_url(goal.pk), goal.label


@login_required
def goal_create(request, region_slug, pk):
    region, plan = object_in_region(
        request, region_slug, queries.plan_in, pk, perm="plans.manage_plans"
    )
    form = GoalForm(request.POST or None, plan=plan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            goal = domain.add_goal(plan, data.pop("focus_area"), actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(goal)s is added.") % {"goal": goal.label})
            return _to("detail", region, plan.pk, f"goal-{goal.pk}")
    context = {"region": region, "plan": plan, "form": form}
    return render(request, "plans/goal_form.html", context)


@login_required
def indicator_create(request, region_slug, pk):
    region, plan = object_in_region(
        request, region_slug, queries.plan_in, pk, perm="plans.manage_plans"
    )
    form = IndicatorForm(request.POST or None, plan=plan)
    if form.is_valid():
        indicator = domain.add_indicator(plan, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The indicator %(name)s is added.") % {"name": indicator})
        return _to("detail", region, plan.pk, f"indicator-{indicator.pk}")
    context = {"region": region, "plan": plan, "form": form}
    return render(request, "plans/indicator_form.html", context)


@login_required
def goal_detail(request, region_slug, goal_pk):
    """The goal's page. A manager finds initiatives to link with a search (GET ?sok=), a few
    hits at a time, and links one with a POST; a refused link is told by the search field."""
    region, goal = object_in_region(
        request, region_slug, queries.goal_in, goal_pk, perm="plans.view_plans"
    )
    may = _may(request, region)
    if request.method == "POST":
        check(request, "plans.manage_plans", region)
    context = {"region": region, "plan": goal.plan, "goal": goal, **may}
    if may["can_manage"]:
        search = LinkSearchForm(request.GET)
        text = search.cleaned_data["sok"] if search.is_valid() else ""
        if request.method == "POST":
            linked = _link(request, region, goal, search)
            if linked:
                return linked
        context |= {"search": search, **queries.link_candidates(goal, text)}
    context["initiatives"] = paginate(request, queries.initiatives_serving(goal))
    return render(request, "plans/goal_detail.html", context | queries.goal_page(goal))


def _link(request, region, goal, search):
    """Link the initiative the POST names, through the domain; the redirect on success, or
    None with the reason added to the search form."""
    form = LinkInitiativeForm(request.POST, initiatives=queries.initiatives_to_link(goal))
    if form.is_valid():
        initiative = form.cleaned_data["initiative"]
        try:
            domain.link_initiative(goal, initiative, actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(initiative)s now serves %(goal)s.")
                % {"initiative": initiative.title, "goal": goal.label},
            )
            return _to("goal", region, goal.pk, "initiatives")
    for errors in form.errors.values():
        search.add_error("sok", list(errors))
    return None


@login_required
@require_POST
def unlink_initiative(request, region_slug, goal_pk, initiative_pk):
    region, goal = object_in_region(
        request, region_slug, queries.goal_in, goal_pk, perm="plans.manage_plans"
    )
    initiative = get_object_or_404(goal.initiatives.all(), pk=initiative_pk)
    domain.unlink_initiative(goal, initiative, actor=request.user)
    messages.success(
        request,
        _("%(initiative)s no longer serves %(goal)s.")
        % {"initiative": initiative.title, "goal": goal.label},
    )
    return _to("goal", region, goal.pk, "initiatives")


@login_required
def record_value(request, region_slug, indicator_pk):
    """Record an indicator's value for a period; a value for a period that has one corrects
    it, and the page and the message say so. `?mal=<goal>` returns to that goal's page."""
    region, indicator = object_in_region(
        request, region_slug, queries.indicator_in, indicator_pk, perm="plans.record_values"
    )
    goal = _goal_of(indicator, request.GET.get("mal", ""))
    values = list(indicator.values.order_by("period"))
    form = ValueForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        earlier = next((row for row in values if row.period == data["period"]), None)
        try:
            row = domain.record_indicator_value(indicator, actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _recorded_message(row, earlier))
            if goal:
                return _to("goal", region, goal.pk, f"indicator-{indicator.pk}")
            return _to("detail", region, indicator.plan_id, f"indicator-{indicator.pk}")
    context = {
        "region": region,
        "plan": indicator.plan,
        "indicator": indicator,
        "goal": goal,
        "values": values,
        "form": form,
    }
    return render(request, "plans/record_value.html", context)


def _goal_of(indicator, pk: str):
    """The goal named in the address, if the indicator follows it; None otherwise."""
    return indicator.goals.filter(pk=pk).first() if pk.isdigit() else None


def _recorded_message(row, earlier) -> str:
    if earlier is None:
        return _("The value %(value)s for %(period)s is recorded.") % {
            "value": format_number(row.value),
            "period": row.period_label,
        }
    return _("The value for %(period)s is corrected from %(old)s to %(new)s.") % {
        "period": row.period_label,
        "old": format_number(earlier.value),
        "new": format_number(row.value),
    }
