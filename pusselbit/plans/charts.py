"""What a goal's page draws of an indicator: its values over time as a line, beside a table of
the period, value and source. How a chart is drawn and made accessible is pusselbit.core.charts."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from pusselbit.core.charts import Column, LineChart, Table, figures_caption
from pusselbit.core.charts import line_chart as draw_line
from pusselbit.core.formatting import format_number

from .models import Indicator, IndicatorValue


def line_chart(indicator: Indicator, values: Sequence[IndicatorValue]) -> LineChart | None:
    """The chart of `values` (in period order); None while there is none."""
    if not values:
        return None
    chart_id = f"indicator-{indicator.pk}-chart"
    title = _("%(indicator)s over time") % {"indicator": indicator.name}
    value_heading = _("Value")
    if indicator.unit:
        value_heading = f"{value_heading} ({indicator.unit})"
    table = Table(
        chart_id,
        figures_caption(title),
        (Column(_("Period")), Column(value_heading, numeric=True), Column(_("Source"))),
        tuple((row.period_label, format_number(row.value), row.source) for row in values),
    )
    return draw_line(
        chart_id,
        title,
        [(row.period_label, row.value) for row in values],
        table,
        unit=indicator.unit,
    )
