"""Horizontal bar charts drawn on the server as SVG: no script, nothing inline that a strict
Content Security Policy blocks (presentation attributes only), and never the only carrier of
the numbers: each chart is shown beside a table of the same figures (WCAG 1.1.1, 1.4.11).

The SVG is role="img" named by its <title> and described by its <desc>; the bars' colour has
more than 3:1 contrast against white."""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from babel import Locale
from babel.numbers import get_decimal_symbol
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pusselbit.core.formatting import babel_locale, format_money, format_whole_kronor

from .exports import pooled_label
from .tables import AgreementTables

BAR_COLOUR = "#12395f"  # the brand colour: 12.5:1 against white
TEXT_COLOUR = "#1b1b1b"
FONT_SIZE = 16
ROW_HEIGHT = 30
BAR_HEIGHT = 18
BAR_AREA = 320
VALUE_AREA = 150
CHAR_WIDTH = 9.6  # a generous average width of a character at FONT_SIZE


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # None: the recipient has nothing; no bar, "–" in the table
    text: str  # the value as the page writes it
    percent: str  # the bar's share of the chart's total


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    value_heading: str
    bars: tuple[Bar, ...]

    @property
    def svg(self) -> SafeString:
        return bar_chart_svg(self)


def make_chart(chart_id, title, value_heading, items, formatter) -> Chart:
    """`items` are (label, value or None) or (label, value, text): a text the page has already
    formatted is used as it is (each amount is formatted once per page); other values are
    formatted with `formatter`."""
    items = [(item[0], item[1], item[2] if len(item) > 2 else None) for item in items]
    values = [value for _label, value, _text in items if value is not None]
    total = sum(values, Decimal("0"))
    percent = _percent_formatter(total)
    bars = tuple(
        Bar(
            label=label,
            value=value,
            text=(text or formatter(value)) if value is not None else "–",
            percent=percent(value) if value is not None else "–",
        )
        for label, value, text in items
    )
    largest = max(
        (bar for bar in bars if bar.value is not None), key=lambda b: b.value, default=None
    )
    if largest is None:
        description = _("No recipient has any funds yet.")
    else:
        description = ngettext(
            "%(count)d bar. The largest is %(label)s with %(value)s. The same figures are in "
            "the table beside the chart.",
            "%(count)d bars. The largest is %(label)s with %(value)s. The same figures are in "
            "the table beside the chart.",
            len(values),
        ) % {"count": len(values), "label": largest.label, "value": largest.text}
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        value_heading=value_heading,
        bars=bars,
    )


ONE_DECIMAL = Decimal("0.1")


def _percent_formatter(total: Decimal):
    """A function giving a value's share of `total` as `12,3 %` in the active language: what
    Babel's format_percent(share, "#,##0.0\xa0%") writes (rounded half to even, as Babel
    rounds), with the locale's symbols looked up once per chart rather than a Babel call per
    bar. A share is at most 100 %, so no digit grouping is needed."""
    locale = babel_locale()
    decimal = get_decimal_symbol(locale)
    sign = Locale.parse(locale).number_symbols["latn"]["percentSign"]

    def percent(value: Decimal) -> str:
        share = (value / total if total else Decimal("0")).scaleb(2)  # as Babel scales
        digits = f"{share.quantize(ONE_DECIMAL, rounding=ROUND_HALF_EVEN):f}"
        return f"{digits.replace('.', decimal)}\xa0{sign}"

    return percent


def bar_chart_svg(chart: Chart) -> SafeString:
    label_width = int(min(max((len(bar.label) for bar in chart.bars), default=10), 42) * CHAR_WIDTH)
    label_width += 16
    width = label_width + BAR_AREA + VALUE_AREA
    height = ROW_HEIGHT * max(len(chart.bars), 1) + 8
    largest = max((bar.value for bar in chart.bars if bar.value is not None), default=None)
    rows = []
    for index, bar in enumerate(chart.bars):
        middle = 4 + index * ROW_HEIGHT + ROW_HEIGHT / 2
        length = 0.0
        if bar.value is not None and largest:
            length = float(bar.value / largest) * BAR_AREA  # drawing only; money stays Decimal
        # An f-string with the two texts escaped: format_html per bar cost more than the rest
        # of the chart (the numbers are ours, not input).
        rows.append(
            f'<text x="{label_width - 8}" y="{middle:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(_shorten(bar.label))}</text>'
            f'<rect x="{label_width}" y="{middle - BAR_HEIGHT / 2:.1f}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{middle:.1f}" '
            f'dominant-baseline="middle">{escape(bar.text)}</text>'
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title" '
        'aria-describedby="{id}-desc" focusable="false" font-size="{font}" fill="{text}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line x1="{x}" y1="0" x2="{x}" y2="{h}" stroke="{text}" stroke-width="1"></line>'
        "{rows}</svg>",
        w=width,
        h=height,
        id=chart.id,
        font=FONT_SIZE,
        text=TEXT_COLOUR,
        title=chart.title,
        desc=chart.description,
        x=label_width,
        rows=mark_safe("".join(rows)),  # noqa: S308 -- each row's texts are escaped above
    )


def _shorten(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def charts_for(tables: AgreementTables) -> list[Chart]:
    """A chart of each recipient's rounded total over the municipal directions, and one of
    each split's recipients."""
    charts = []
    if tables.municipal and tables.municipal.rows:
        charts.append(
            make_chart(
                "chart-municipal",
                _("Municipal funds per recipient, rounded total"),
                _("Rounded amount"),
                [
                    (
                        pooled_label(row.recipient.name, row.purpose)
                        if row.pooled
                        else row.recipient.name,
                        row.rounded,
                        row.rounded_text,
                    )
                    for row in tables.municipal.rows
                ],
                format_whole_kronor,
            )
        )
    for split in tables.splits:
        charts.append(
            make_chart(
                f"chart-split-{split.column.funds.pk}",
                _("%(direction)s: amount per recipient")
                % {"direction": split.direction.display_name},
                _("Amount"),
                [(row.recipient.name, row.amount, row.amount_text) for row in split.rows],
                format_whole_kronor if split.whole_kronor else format_money,
            )
        )
    return charts
