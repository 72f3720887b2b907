"""Charts drawn on the server as SVG, the one way Pusselbit draws them: a horizontal bar chart
and a line chart, each shown beside a table of the same figures by one template include,
core/includes/chart_figure.html. The apps say only what goes in a chart (funds.charts,
plans.charts, initiatives.queries.execution); this module says how it is drawn.

Accessible, and safe under a strict Content Security Policy: the SVG is role="img", named by
its <title>, described by its <desc> (a summary ending with a pointer to the table) and linked
to that table with aria-details; the numbers are never only in the picture (WCAG 1.1.1). No
script, no inline style and no colour here: every mark carries a class, and pusselbit.css
gives the classes their colours (at least 3:1 against white, WCAG 1.4.11) and a forced-colours
fallback. A target is told apart by a dashed line and a hollow point, not by colour (1.4.1)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .formatting import format_number

# The line chart's geometry, in SVG user units (pixels at 100 %).
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 80, 24, 44, 48
LABEL_SPACE = 64  # the least room a label under the axis gets; closer ones are skipped
INTERVALS = 4  # about this many steps between the value axis' labels
SMALL_CHAR = 8  # a generous average width of a character of the line chart's 14 px text

# The bar chart's: one row per bar, its label before it and its value after it.
ROW_HEIGHT, BAR_HEIGHT = 30, 18
BAR_AREA, VALUE_AREA = 320, 150
CHAR_WIDTH = 9.6  # a generous average width of a character of the bar chart's 16 px text
LABEL_LIMIT = 42  # longer labels are shortened in the drawing (the table has them whole)


def _c(number: float) -> str:
    # Written by hand, never by a localised filter: "12,5" would break the SVG.
    return f"{number:.1f}"


# The table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    heading: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """The figures of a chart (or of what would be one), shown by
    core/includes/chart_table.html. Its id follows from the chart's, so the drawing can point
    to it."""

    chart_id: str
    caption: str
    columns: tuple[Column, ...]  # the first heads the rows' header cells
    rows: tuple[tuple[str, ...], ...]  # each: its header, then one text per further column

    @property
    def id(self) -> str:
        return f"{self.chart_id}-table"

    @property
    def lines(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """Each row as (header, [(text, numeric), ...]) for the template."""
        numeric = [column.numeric for column in self.columns[1:]]
        return [(row[0], list(zip(row[1:], numeric, strict=True))) for row in self.rows]


def figures_caption(title: str) -> str:
    return _("The figures of the chart: %(title)s") % {"title": title}


def _svg_open(chart, kind: str, width, height) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" id="{id}" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title" '
        'aria-describedby="{id}-desc" aria-details="{table}" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        kind=kind,
        id=chart.id,
        w=width,
        h=height,
        table=chart.table.id,
        title=chart.title,
        desc=chart.description,
    )


# The bar chart --------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # None: nothing to draw (the table says so)
    text: str  # the value as the page writes it


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    table: Table
    bars: tuple[Bar, ...]

    @property
    def svg(self) -> SafeString:
        return bar_chart_svg(self)


def bar_chart(
    chart_id: str, title: str, bars: Sequence[Bar], table: Table, *, empty: str = ""
) -> BarChart:
    """A horizontal bar per item, in the given order; `empty` is the description when no bar
    has a value."""
    drawn = [bar for bar in bars if bar.value is not None]
    largest = max(drawn, key=lambda bar: bar.value, default=None)
    if largest is None:
        description = empty or _("Nothing has a value yet.")
    else:
        description = ngettext(
            "%(count)d bar. The largest is %(label)s with %(value)s. The same figures are in "
            "the table beside the chart.",
            "%(count)d bars. The largest is %(label)s with %(value)s. The same figures are in "
            "the table beside the chart.",
            len(drawn),
        ) % {"count": len(drawn), "label": largest.label, "value": largest.text}
    return BarChart(chart_id, title, description, table, tuple(bars))


def bar_chart_svg(chart: BarChart) -> SafeString:
    label_width = int(
        min(max((len(b.label) for b in chart.bars), default=10), LABEL_LIMIT) * CHAR_WIDTH
    )
    label_width += 16
    width = label_width + BAR_AREA + VALUE_AREA
    height = ROW_HEIGHT * max(len(chart.bars), 1) + 8
    values = [bar.value for bar in chart.bars if bar.value is not None]
    # From zero (or the lowest negative value) to the highest, so bars of the same length mean
    # the same amount; the axis stands at zero.
    low, high = min([*values, Decimal(0)]), max([*values, Decimal(0)])
    span = high - low

    def x(value: Decimal) -> float:  # drawing only; money stays Decimal
        return label_width + (float((value - low) / span) * BAR_AREA if span else 0.0)

    zero = x(Decimal(0))
    rows = []
    for index, bar in enumerate(chart.bars):
        middle = 4 + index * ROW_HEIGHT + ROW_HEIGHT / 2
        end = zero if bar.value is None else x(bar.value)
        # An f-string with the two texts escaped: format_html per bar cost more than the rest
        # of the chart on the agreement page (the numbers are ours, not input).
        rows.append(
            f'<text class="chart__category" x="{label_width - 8}" y="{_c(middle)}" dy="0.35em">'
            f"{escape(_shorten(bar.label))}</text>"
            + (
                ""
                if bar.value is None
                else f'<rect class="chart__bar" x="{_c(min(zero, end))}" '
                f'y="{_c(middle - BAR_HEIGHT / 2)}" width="{_c(abs(end - zero))}" '
                f'height="{BAR_HEIGHT}"></rect>'
            )
            + f'<text class="chart__value" x="{_c(max(zero, end) + 6)}" y="{_c(middle)}" '
            f'dy="0.35em">{escape(bar.text)}</text>'
        )
    return format_html(
        '{open}<line class="chart__axis" x1="{x}" y1="0" x2="{x}" y2="{h}"></line>{rows}</svg>',
        open=_svg_open(chart, "bar", width, height),
        x=_c(zero),
        h=height,
        rows=mark_safe("".join(rows)),  # noqa: S308 -- each row's texts are escaped above
    )


def _shorten(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# The line chart -------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # under the axis: a period, "Baseline", "Target"
    value: Decimal
    text: str  # the value as the table writes it
    labelled: bool  # whether the label is written under the axis
    target: bool = False  # the aim, not a measured value: a hollow point after a dashed line


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    table: Table
    unit: str
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    values_written: bool  # each point's value above it, when there is room for every one

    @property
    def polyline(self) -> str:
        """Through the measured points (the target is reached by the dashed `to_target`)."""
        return " ".join(f"{_c(p.x)},{_c(p.y)}" for p in self.points if not p.target)

    @property
    def to_target(self) -> str:
        measured = [p for p in self.points if not p.target]
        target = [p for p in self.points if p.target]
        if not (measured and target):
            return ""
        return f"{_c(measured[-1].x)},{_c(measured[-1].y)} {_c(target[0].x)},{_c(target[0].y)}"

    @property
    def svg(self) -> SafeString:
        return line_chart_svg(self)


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


def line_chart(
    chart_id: str,
    title: str,
    values: Sequence[tuple[str, Decimal]],
    table: Table,
    *,
    unit: str = "",
    target: tuple[str, Decimal] | None = None,
) -> LineChart:
    """A line through `values` ((label, number) in order along the axis), then, when there is a
    `target`, a dashed line on to it. The caller decides whether there is enough to draw."""
    raw = [(label, number, False) for label, number in values]
    if target is not None:
        raw.append((target[0], target[1], True))
    low, high, step = value_range([number for _label, number, _target in raw])
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(raw)
    space = max(LABEL_SPACE, max(len(label) for label, _n, _t in raw) * SMALL_CHAR + 12)
    every = math.ceil(space / slot) if slot < space else 1
    texts = [format_number(number) for _label, number, _target in raw]

    def y(number: Decimal) -> float:
        return TOP + float((high - number) / (high - low)) * plot_height

    points = tuple(
        Point(
            x=LEFT + slot * (index + 0.5),
            y=y(number),
            label=label,
            value=number,
            text=text,
            # The last is always named; the others at even distances back from it.
            labelled=(len(raw) - 1 - index) % every == 0,
            target=is_target,
        )
        for index, ((label, number, is_target), text) in enumerate(zip(raw, texts, strict=True))
    )
    ticks = tuple(
        Tick(y=y(low + step * index), text=format_number((low + step * index).normalize()))
        for index in range(int((high - low) / step) + 1)
    )
    return LineChart(
        id=chart_id,
        title=title,
        description=_line_description(points, unit),
        table=table,
        unit=unit,
        points=points,
        ticks=ticks,
        values_written=every == 1 and slot >= max(len(text) for text in texts) * SMALL_CHAR + 8,
    )


def _line_description(points: Sequence[Point], unit: str) -> str:
    def text(point):
        return f"{point.text} {unit}" if unit else point.text

    measured = [point for point in points if not point.target]
    first, last = measured[0], measured[-1]
    lowest = min(measured, key=lambda point: point.value)
    highest = max(measured, key=lambda point: point.value)
    if len(measured) == 1:
        summary = _("One value: %(value)s for %(period)s.") % {
            "value": text(first),
            "period": first.label,
        }
    else:
        summary = ngettext(
            "%(count)d value, from %(first)s for %(first_period)s to %(last)s for "
            "%(last_period)s; the lowest %(lowest)s (%(lowest_period)s), the highest "
            "%(highest)s (%(highest_period)s).",
            "%(count)d values, from %(first)s for %(first_period)s to %(last)s for "
            "%(last_period)s; the lowest %(lowest)s (%(lowest_period)s), the highest "
            "%(highest)s (%(highest_period)s).",
            len(measured),
        ) % {
            "count": len(measured),
            "first": text(first),
            "first_period": first.label,
            "last": text(last),
            "last_period": last.label,
            "lowest": text(lowest),
            "lowest_period": lowest.label,
            "highest": text(highest),
            "highest_period": highest.label,
        }
    sentences = [summary]
    target = [point for point in points if point.target]
    if target:
        sentences.append(
            _("A dashed line leads on to the target, %(target)s.") % {"target": text(target[0])}
        )
    sentences.append(_("The same figures are in the table beside the chart."))
    return " ".join(sentences)


def line_chart_svg(chart: LineChart) -> SafeString:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    grid = format_html_join(
        "",
        '<line class="chart__grid" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
        '<text class="chart__tick" x="{}" y="{}" dy="0.35em">{}</text>',
        ((LEFT, _c(t.y), right, _c(t.y), LEFT - 8, _c(t.y), t.text) for t in chart.ticks),
    )
    dots = format_html_join(
        "",
        '<circle class="{}" cx="{}" cy="{}" r="{}"></circle>',
        (
            (
                "chart__point chart__point--target" if p.target else "chart__point",
                _c(p.x),
                _c(p.y),
                5 if p.target else 4,
            )
            for p in chart.points
        ),
    )
    values = (
        format_html_join(
            "",
            '<text class="chart__value" x="{}" y="{}" dy="-10">{}</text>',
            ((_c(p.x), _c(p.y), p.text) for p in chart.points),
        )
        if chart.values_written
        else ""
    )
    labels = format_html_join(
        "",
        '<text class="chart__category" x="{}" y="{}">{}</text>',
        ((_c(p.x), bottom + 24, p.label) for p in chart.points if p.labelled),
    )
    to_target = chart.to_target
    return format_html(
        "{open}{unit}{grid}"
        '<line class="chart__axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"></line>'
        '<line class="chart__axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"></line>'
        '<polyline class="chart__line" points="{line}"></polyline>'
        "{to_target}{dots}{values}{labels}</svg>",
        open=_svg_open(chart, "line", WIDTH, HEIGHT),
        unit=format_html('<text class="chart__unit" x="{}" y="16">{}</text>', LEFT, chart.unit)
        if chart.unit
        else "",
        grid=grid,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        line=chart.polyline,
        to_target=format_html(
            '<polyline class="chart__line chart__line--target" points="{}"></polyline>', to_target
        )
        if to_target
        else "",
        dots=dots,
        values=values,
        labels=labels,
    )
