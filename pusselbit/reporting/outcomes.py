"""The outcomes page's reads (the page is titled follow-up, uppföljning): for a region and a
year, the running initiatives (and those with a follow-up report in the year) with each effect
measure's values whose report period overlaps the year, and the region's action-plan indicators
with their values in the year. A fixed number of queries, however many initiatives, measures,
reports and indicators there are."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from pusselbit.core.charts import LineChart
from pusselbit.initiatives.models import EffectMeasure, FollowUpReport, Initiative, MeasureValue
from pusselbit.initiatives.queries.execution import MeasureSeries, fill_series
from pusselbit.plans.charts import line_chart
from pusselbit.plans.models import Indicator, IndicatorValue


@dataclass
class InitiativeOutcomes:
    initiative: Initiative
    series: list[MeasureSeries] = field(default_factory=list)


@dataclass
class IndicatorYear:
    indicator: Indicator
    values: list[IndicatorValue] = field(default_factory=list)  # in period order
    chart: LineChart | None = None


@dataclass
class Outcomes:
    year: int
    initiatives: list[InitiativeOutcomes]
    indicators: list[IndicatorYear]


def _overlaps(year: int) -> Q:
    """Reports whose period overlaps the calendar year."""
    return Q(period_start__lte=datetime.date(year, 12, 31)) & Q(
        period_end__gte=datetime.date(year, 1, 1)
    )


def years_with_data(region) -> list[int]:
    """The years some follow-up report of the region's initiatives overlaps, or some indicator
    of its action plans has a value in; newest first. Two queries."""
    years: set[int] = set()
    for start, end in (
        FollowUpReport.objects.filter(initiative__region=region)
        .values_list("period_start", "period_end")
        .distinct()
    ):
        years.update(range(start.year, end.year + 1))
    years.update(
        period.year
        for period in IndicatorValue.objects.filter(indicator__plan__region=region)
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


def outcomes(region, year: int) -> Outcomes:
    """Four queries: initiatives, their measures, the values in the year, the indicator values."""
    reported = FollowUpReport.objects.filter(_overlaps(year)).values("initiative_id")
    initiatives = list(
        Initiative.objects.filter(region=region)
        .filter(Q(stage__running=True) | Q(pk__in=reported))
        .select_related("stage", "organisation")
        .order_by("title", "pk")
    )
    by_initiative = {one.pk: InitiativeOutcomes(one) for one in initiatives}
    series: dict[int, MeasureSeries] = {}
    if by_initiative:
        for measure in EffectMeasure.objects.filter(
            proposal__initiative__in=list(by_initiative)
        ).select_related("proposal"):
            one = MeasureSeries(measure)
            series[measure.pk] = one
            by_initiative[measure.proposal.initiative_id].series.append(one)
    if series:
        report_ids = FollowUpReport.objects.filter(_overlaps(year)).values("pk")
        for value in (
            MeasureValue.objects.filter(measure__in=list(series), report__in=report_ids)
            .select_related("report")
            .order_by("report__period_start", "report__pk")
        ):
            series[value.measure_id].values.append(value)
    for one in series.values():
        fill_series(one)

    indicators: dict[int, IndicatorYear] = {}
    for value in (
        IndicatorValue.objects.filter(indicator__plan__region=region, period__year=year)
        .select_related("indicator__plan")
        .order_by("indicator__plan__title", "indicator__name", "indicator__pk", "period")
    ):
        indicators.setdefault(value.indicator_id, IndicatorYear(value.indicator))
        indicators[value.indicator_id].values.append(value)
    for one in indicators.values():
        one.chart = line_chart(one.indicator, one.values)
    return Outcomes(
        year=year, initiatives=list(by_initiative.values()), indicators=list(indicators.values())
    )


def default_year(years: list[int], today: datetime.date | None = None) -> int:
    """The current year when it has data (or nothing has any); else the latest year with data."""
    current = (today or timezone.localdate()).year
    if not years or current in years:
        return current
    return years[0]
