"""An indicator's values over time as a line chart, drawn on the server as SVG.

No script, and nothing a strict Content Security Policy or a high-contrast mode fights with: the
drawing carries classes only, and pusselbit.css gives them their colours (the line and points
in the brand colour, 12.5:1 against white). The chart is role="img", named by its <title> and
described by its <desc>, and never the only carrier of the numbers: the page shows the same
values in a table beside it (WCAG 1.1.1, 1.4.1, 1.4.11)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pusselbit.core.formatting import format_number

from .models import Indicator, IndicatorValue

# Geometry in SVG user units (pixels at 100 %).
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 80, 24, 32, 48
LABEL_SPACE = 64  # the least room a period's name under the axis gets; closer ones are skipped
INTERVALS = 4  # about this many steps between the value axis' labels


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    period: str
    value: str
    labelled: bool  # whether the period's name is written under the axis


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    unit: str
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{_c(p.x)},{_c(p.y)}" for p in self.points)

    @property
    def svg(self) -> SafeString:
        return line_chart_svg(self)


def _c(number: float) -> str:
    # Written by hand, never by a localised filter: "12,5" would break the SVG.
    return f"{number:.1f}"


def nice_step(span: Decimal, intervals: int = INTERVALS) -> Decimal:
    """The smallest of 1, 2 or 5 times a power of ten that cuts `span` in at most `intervals`."""
    raw = span / intervals
    base = Decimal(1).scaleb(raw.adjusted())
    for multiple in (1, 2, 5, 10):
        if base * multiple >= raw:
            return base * multiple
    return base * 10  # pragma: no cover -- 10 × base always reaches raw


def value_range(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """(low, high, step) of the value axis: from zero (or below, for negative values) to a round
    number at or above the highest value, so the line's height is not exaggerated."""
    low, high = min(min(values), Decimal(0)), max(max(values), Decimal(0))
    if low == high:
        high = low + 1
    step = nice_step(high - low)
    return (
        (low / step).to_integral_value(rounding=ROUND_FLOOR) * step,
        (high / step).to_integral_value(rounding=ROUND_CEILING) * step,
        step,
    )


def line_chart(indicator: Indicator, values: Sequence[IndicatorValue]) -> LineChart | None:
    """The chart of `values` (in period order); None while there is none."""
    if not values:
        return None
    numbers = [row.value for row in values]
    low, high, step = value_range(numbers)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(values)
    every = math.ceil(LABEL_SPACE / slot) if slot < LABEL_SPACE else 1

    def y(number: Decimal) -> float:
        return TOP + float((high - number) / (high - low)) * plot_height

    points = tuple(
        Point(
            x=LEFT + slot * (index + 0.5),
            y=y(row.value),
            period=row.period_label,
            value=format_number(row.value),
            # The last period is always named; the others at even distances back from it.
            labelled=(len(values) - 1 - index) % every == 0,
        )
        for index, row in enumerate(values)
    )
    ticks = tuple(
        Tick(y=y(low + step * index), text=format_number((low + step * index).normalize()))
        for index in range(int((high - low) / step) + 1)
    )
    return LineChart(
        id=f"indicator-{indicator.pk}-chart",
        title=_("%(indicator)s over time") % {"indicator": indicator.name},
        description=_description(values, indicator.unit),
        unit=indicator.unit,
        points=points,
        ticks=ticks,
    )


def _description(values: Sequence[IndicatorValue], unit: str) -> str:
    def text(row):
        number = format_number(row.value)
        return f"{number} {unit}" if unit else number

    first, last = values[0], values[-1]
    lowest = min(values, key=lambda row: row.value)
    highest = max(values, key=lambda row: row.value)
    if len(values) == 1:
        summary = _("One value: %(value)s for %(period)s.") % {
            "value": text(first),
            "period": first.period_label,
        }
    else:
        summary = ngettext(
            "%(count)d value, from %(first)s for %(first_period)s to %(last)s for "
            "%(last_period)s; the lowest %(lowest)s (%(lowest_period)s), the highest "
            "%(highest)s (%(highest_period)s).",
            "%(count)d values, from %(first)s for %(first_period)s to %(last)s for "
            "%(last_period)s; the lowest %(lowest)s (%(lowest_period)s), the highest "
            "%(highest)s (%(highest_period)s).",
            len(values),
        ) % {
            "count": len(values),
            "first": text(first),
            "first_period": first.period_label,
            "last": text(last),
            "last_period": last.period_label,
            "lowest": text(lowest),
            "lowest_period": lowest.period_label,
            "highest": text(highest),
            "highest_period": highest.period_label,
        }
    return f"{summary} {_('The same figures are in the table beside the chart.')}"


def line_chart_svg(chart: LineChart) -> SafeString:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    grid = format_html_join(
        "",
        '<line class="plan-chart__grid" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
        '<text class="plan-chart__value-label" x="{}" y="{}" dy="0.35em">{}</text>',
        ((LEFT, _c(t.y), right, _c(t.y), LEFT - 8, _c(t.y), t.text) for t in chart.ticks),
    )
    dots = format_html_join(
        "",
        '<circle class="plan-chart__point" cx="{}" cy="{}" r="4"></circle>',
        ((_c(p.x), _c(p.y)) for p in chart.points),
    )
    periods = format_html_join(
        "",
        '<text class="plan-chart__period-label" x="{}" y="{}">{}</text>',
        ((_c(p.x), bottom + 24, p.period) for p in chart.points if p.labelled),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title" '
        'aria-describedby="{id}-desc" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{unit}{grid}"
        '<line class="plan-chart__axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"></line>'
        '<line class="plan-chart__axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}">'
        "</line>"
        '<polyline class="plan-chart__line" points="{line}"></polyline>'
        "{dots}{periods}</svg>",
        w=WIDTH,
        h=HEIGHT,
        id=chart.id,
        title=chart.title,
        desc=chart.description,
        unit=format_html(
            '<text class="plan-chart__unit" x="{}" y="{}">{}</text>', LEFT, TOP - 14, chart.unit
        )
        if chart.unit
        else "",
        grid=grid,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        line=chart.polyline,
        dots=dots,
        periods=periods,
    )
