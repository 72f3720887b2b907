"""What the agreement page draws: each recipient's amount as a bar, beside a table of the
amounts and their shares. How a chart is drawn and made accessible is pusselbit.core.charts."""

from decimal import ROUND_HALF_EVEN, Decimal

from babel import Locale
from babel.numbers import get_decimal_symbol
from django.utils.translation import gettext as _

from pusselbit.core.charts import Bar, BarChart, Column, Table, bar_chart, figures_caption
from pusselbit.core.formatting import babel_locale, format_money, format_whole_kronor

from .exports import pooled_label
from .tables import AgreementTables


def make_chart(chart_id, title, value_heading, items, formatter) -> BarChart:
    """`items` are (label, value or None) or (label, value, text): a text the page has already
    formatted is used as it is (each amount is formatted once per page); other values are
    formatted with `formatter`. None: the recipient has nothing; no bar, "–" in the table."""
    items = [(item[0], item[1], item[2] if len(item) > 2 else None) for item in items]
    total = sum((value for _label, value, _text in items if value is not None), Decimal("0"))
    percent = _percent_formatter(total)
    bars = [
        Bar(label, value, (text or formatter(value)) if value is not None else "–")
        for label, value, text in items
    ]
    table = Table(
        chart_id,
        figures_caption(title),
        (Column(_("Recipient")), Column(value_heading, numeric=True), Column(_("Share"), True)),
        tuple(
            (bar.label, bar.text, percent(bar.value) if bar.value is not None else "–")
            for bar in bars
        ),
    )
    return bar_chart(chart_id, title, bars, table, empty=_("No recipient has any funds yet."))


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


def charts_for(tables: AgreementTables) -> list[BarChart]:
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
