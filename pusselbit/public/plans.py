"""The county action plans as the public reads them (a part of the publishing rules beside
publishing.py, which decides what else is public).

Public is an *adopted* plan: one whose "adopted by" names the body that adopted it (the plan
form asks for it, "e.g. the steering group, and when"; plans.domain.adopt_plan records it
later). A plan without it is being drafted, and is neither listed nor found. Of an adopted
plan everything is public but who recorded a value and when: its focus areas, goals,
indicators with their values and sources, and which of the region's *published* initiatives
serve each goal. The plans hold no person's name and no internal note.

As publishing.py: read with the scoping disabled, narrowly, filtered by the region in the
address, handed back as plain data, in a fixed number of queries however many plans, goals,
indicators and values there are."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext

from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.models import Initiative
from pusselbit.plans import charts
from pusselbit.plans.models import ActionPlan, FocusArea, Goal, Indicator, IndicatorValue
from pusselbit.plans.queries import IndicatorSeries

from .publishing import published


def adopted_anywhere():
    """Every region's adopted plans (call within scopes_disabled)."""
    return ActionPlan.objects.exclude(adopted_by="")


def adopted(region):
    """The region's adopted plans, newest first (call within scopes_disabled)."""
    return adopted_anywhere().filter(region=region)


@dataclass
class PublicPlanSummary:
    pk: int
    title: str
    first_year: int
    last_year: int
    adopted_by: str
    description: str
    goal_count: int = 0
    indicator_count: int = 0


@dataclass
class PublicValue:
    period: datetime.date  # the period's last day
    period_label: str
    value: Decimal
    source: str


@dataclass
class PublicGoalRef:
    """A goal as an indicator names it."""

    pk: int
    number: str
    target_group: str

    @property
    def label(self) -> str:
        """ "Mål 3:2 för vuxna", as plans.models.Goal.label says it."""
        return " ".join(part for part in (gettext("Goal"), self.number, self.target_group) if part)


@dataclass
class PublicIndicatorRef:
    pk: int
    name: str


@dataclass
class PublicGoal(PublicGoalRef):
    text: str = ""
    indicators: list[PublicIndicatorRef] = field(default_factory=list)
    initiatives: list[tuple[int, str]] = field(default_factory=list)  # published: (pk, title)


@dataclass
class PublicFocusArea:
    number: int
    name: str
    name_en: str
    goals: list[PublicGoal] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


@dataclass
class PublicIndicator:
    pk: int
    name: str
    unit: str
    description: str
    goals: list[PublicGoalRef] = field(default_factory=list)
    values: list[PublicValue] = field(default_factory=list)  # in period order


@dataclass
class PublicPlan(PublicPlanSummary):
    focus_areas: list[PublicFocusArea] = field(default_factory=list)
    indicators: list[PublicIndicator] = field(default_factory=list)


def _summary(plan) -> dict:
    return {
        "pk": plan.pk,
        "title": plan.title,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "adopted_by": plan.adopted_by,
        "description": plan.description,
    }


def plans_of(region) -> list[PublicPlanSummary]:
    """The region's adopted plans, newest first, with how many goals and indicators each has."""
    with scopes_disabled():
        rows = adopted(region).annotate(
            goals_in=Count("goals", distinct=True), indicators_in=Count("indicators", distinct=True)
        )
        return [
            PublicPlanSummary(
                **_summary(plan), goal_count=plan.goals_in, indicator_count=plan.indicators_in
            )
            for plan in rows
        ]


def _with_parts(region, plans):
    """The plans with every part the public sees, prefetched: eight queries in all."""
    by_number = ("number", "target_group")
    serving = Initiative.objects.filter(pk__in=published(region).values("pk")).order_by("title")
    goals = Goal.objects.order_by(*by_number).prefetch_related(
        Prefetch("indicators", Indicator.objects.order_by("name")),
        Prefetch("initiatives", serving),
    )
    return plans.prefetch_related(
        Prefetch(
            "focus_areas",
            FocusArea.objects.order_by("number").prefetch_related(Prefetch("goals", goals)),
        ),
        Prefetch(
            "indicators",
            Indicator.objects.order_by("name").prefetch_related(
                Prefetch("goals", Goal.objects.order_by(*by_number)),
                Prefetch("values", IndicatorValue.objects.order_by("period")),
            ),
        ),
    )


def _goal(goal) -> PublicGoal:
    return PublicGoal(
        pk=goal.pk,
        number=goal.number,
        target_group=goal.target_group,
        text=goal.text,
        indicators=[PublicIndicatorRef(i.pk, i.name) for i in goal.indicators.all()],
        initiatives=[(i.pk, i.title) for i in goal.initiatives.all()],
    )


def _indicator(indicator) -> PublicIndicator:
    return PublicIndicator(
        pk=indicator.pk,
        name=indicator.name,
        unit=indicator.unit,
        description=indicator.description,
        goals=[PublicGoalRef(g.pk, g.number, g.target_group) for g in indicator.goals.all()],
        # Never who recorded a value, or when: only what was measured and where it comes from.
        values=[
            PublicValue(v.period, v.period_label, v.value, v.source) for v in indicator.values.all()
        ],
    )


def _plan(plan) -> PublicPlan:
    focus_areas = [
        PublicFocusArea(
            area.number, area.name, area.name_en, [_goal(goal) for goal in area.goals.all()]
        )
        for area in plan.focus_areas.all()
    ]
    indicators = [_indicator(indicator) for indicator in plan.indicators.all()]
    return PublicPlan(
        **_summary(plan),
        goal_count=sum(len(area.goals) for area in focus_areas),
        indicator_count=len(indicators),
        focus_areas=focus_areas,
        indicators=indicators,
    )


def public_plan(region, pk: int) -> PublicPlan:
    """An adopted plan of the region with its parts; a draft, another region's plan and a
    missing one are all a 404 alike."""
    with scopes_disabled():
        plan = _with_parts(region, adopted(region).filter(pk=pk)).first()
        if plan is None:
            raise Http404
        return _plan(plan)


def public_plans(region) -> list[PublicPlan]:
    """Every adopted plan of the region with its parts, newest first (the open data's rows)."""
    with scopes_disabled():
        return [_plan(plan) for plan in _with_parts(region, adopted(region))]


def indicator_series(plan: PublicPlan) -> list[IndicatorSeries]:
    """Each indicator with its values and their chart (plans.charts, as the region's own goal
    pages draw it; None while no value is recorded), for plans/includes/indicator_series.html.
    Drawn in the active language, so made per request, not kept with the plain data."""
    return [
        IndicatorSeries(indicator, indicator.values, charts.line_chart(indicator, indicator.values))
        for indicator in plan.indicators
    ]
