"""Reads about action plans, scoped to a region the caller has already checked (another
region's plan, goal or indicator is a 404), each in a fixed number of queries however many
goals, values and initiatives there are."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Contains
from django.shortcuts import get_object_or_404

from pusselbit.initiatives.models import Initiative

from . import charts
from .models import ActionPlan, FocusArea, Goal, Indicator, IndicatorValue


def plans_of(region):
    """The region's plans, newest first, with how many goals and indicators each has."""
    return ActionPlan.objects.filter(region=region).annotate(
        goal_count=Count("goals", distinct=True),
        indicator_count=Count("indicators", distinct=True),
    )


def plan_in(region, pk: int) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.filter(region=region).select_related("region"), pk=pk
    )


def goal_in(region, pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.filter(plan__region=region).select_related("plan__region", "focus_area"),
        pk=pk,
    )


def indicator_in(region, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.filter(plan__region=region).select_related("plan__region"), pk=pk
    )


def plan_outline(plan: ActionPlan) -> dict:
    """The plan's focus areas in order, each with its goals and their indicators, and the
    plan's indicators with the goals each follows and its latest value."""
    goals = Goal.objects.order_by("number", "target_group").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("name"))
    )
    focus_areas = list(
        FocusArea.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(Prefetch("goals", queryset=goals))
    )
    indicators = list(
        Indicator.objects.filter(plan=plan)
        .order_by("name")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("number", "target_group")),
            Prefetch("values", queryset=IndicatorValue.objects.order_by("period")),
        )
    )
    for indicator in indicators:
        values = list(indicator.values.all())
        indicator.latest = values[-1] if values else None
    return {"focus_areas": focus_areas, "indicators": indicators}


def indicator_values(region):
    """Every value recorded for the region's indicators, plan by plan, indicator by indicator,
    in period order, with the goals each indicator follows: the open data's series (two
    queries however many values)."""
    return (
        IndicatorValue.objects.filter(indicator__plan__region=region)
        .select_related("indicator__plan")
        .prefetch_related(
            Prefetch("indicator__goals", queryset=Goal.objects.order_by("number", "target_group"))
        )
        .order_by(
            "-indicator__plan__first_year",
            "indicator__plan_id",
            "indicator__name",
            "indicator_id",
            "period",
        )
    )


@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: list[IndicatorValue]  # in period order
    chart: charts.LineChart | None


def goal_page(goal: Goal) -> dict:
    """What the goal's page shows: each indicator with its values and chart, the initiatives
    serving the goal and the assignment documents that say they serve it."""
    indicators = goal.indicators.order_by("name").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("period"))
    )
    series = []
    for indicator in indicators:
        values = list(indicator.values.all())
        series.append(IndicatorSeries(indicator, values, charts.line_chart(indicator, values)))
    return {
        "series": series,
        "assignments": list(goal.assignments.order_by("-dated", "title")),
    }


def initiatives_serving(goal: Goal):
    """The initiatives linked to the goal, by title, for a paginated list."""
    return goal.initiatives.select_related("stage").order_by("title", "pk")


def initiatives_to_link(goal: Goal):
    """The region's initiatives that do not yet say they serve the goal, by title."""
    return (
        Initiative.objects.filter(region_id=goal.plan.region_id)
        .exclude(plan_goals=goal)
        .order_by("title", "pk")
    )


# How many initiatives the goal page offers to link at a time: a search narrows them down.
LINK_HITS = 20


def link_candidates(goal: Goal, text: str = "", *, limit: int = LINK_HITS) -> dict:
    """At most `limit` initiatives that could be linked to the goal: those whose title or
    registration number contains `text` (by title), or without a text the most recently
    changed; `more` says whether there were more than were shown. One query (limit + 1 rows),
    however many initiatives the region has."""
    initiatives = initiatives_to_link(goal).select_related("stage")
    if text:
        # Lower() on both sides, as the pipeline's search: SQLite's LIKE folds only ASCII.
        needle = text.lower()
        initiatives = initiatives.filter(
            Q(Contains(Lower("title"), needle)) | Q(Contains(Lower("registration_number"), needle))
        )
    else:
        initiatives = initiatives.order_by("-updated_at", "-pk")
    found = list(initiatives[: limit + 1])
    return {"candidates": found[:limit], "more": len(found) > limit, "text": text}
