"""What the initiative page shows of the running initiative (steps 10–12), read in a fixed
number of queries however many reports, values and measures there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pusselbit.core.charts import Column, LineChart, Table, line_chart
from pusselbit.core.formatting import format_iso_date, format_number

from ..models import EffectMeasure, Initiative, MeasureValue

PERMS = {
    "can_report": "report_progress",
    "can_adjust": "record_adjustment",
    "can_seminar": "record_seminar",
    "can_evaluate": "record_final_evaluation",
    "can_review": "review_resources",
}


@dataclass
class MeasureSeries:
    measure: EffectMeasure
    values: list[MeasureValue] = field(default_factory=list)  # in period order
    # The figures (baseline, each period's value, target), shown beside the chart when there
    # is one (core/includes/chart_figure.html) and alone when there is not.
    table: Table | None = None
    chart: LineChart | None = None


def measure_table(series: MeasureSeries) -> Table:
    measure = series.measure
    caption = measure.name
    if measure.unit:
        caption += f" ({measure.unit})"
    if measure.target_group:
        caption += f" – {measure.target_group}"

    def number(value: Decimal | None) -> str:
        return _("not set") if value is None else format_number(value)

    rows = [(_("Baseline"), number(measure.baseline))]
    rows += [
        (
            f"{format_iso_date(value.report.period_start)} – "
            f"{format_iso_date(value.report.period_end)}",
            format_number(value.value),
        )
        for value in series.values
    ] or [(_("Reported"), _("no value yet"))]
    rows.append((_("Target"), number(measure.target)))
    return Table(
        f"measure-{measure.pk}-chart",
        caption,
        (Column(_("When")), Column(_("Value"), numeric=True)),
        tuple(rows),
    )


def measure_chart(series: MeasureSeries, table: Table) -> LineChart | None:
    """Baseline, each period's value and, dashed, on to the target; None until a value is
    reported (a line from the baseline to the target alone says nothing new) and while there
    are fewer than two points to draw a line between."""
    measure = series.measure
    if not series.values:
        return None
    values = [] if measure.baseline is None else [(_("Baseline"), measure.baseline)]
    values += [(format_iso_date(v.report.period_end), v.value) for v in series.values]
    target = None if measure.target is None else (_("Target"), measure.target)
    if len(values) + (target is not None) < 2:
        return None
    return line_chart(
        table.chart_id, table.caption, values, table, unit=measure.unit, target=target
    )


def fill_series(series: MeasureSeries) -> None:
    """The series' table and chart, from its measure and values."""
    series.table = measure_table(series)
    series.chart = measure_chart(series, series.table)


def execution_context(initiative, user) -> dict:
    """The follow-up reports with their values, each effect measure's series (baseline, the
    reported values, target), adjustments, seminars, the final evaluation, the resource review
    and what the user may record. Everything under the key "execution", so nothing collides
    with the rest of the initiative page."""
    reports = list(
        initiative.follow_up_reports.select_related("reported_by").prefetch_related(
            Prefetch("values", queryset=MeasureValue.objects.select_related("measure"))
        )
    )
    series = {
        measure.pk: MeasureSeries(measure)
        for measure in EffectMeasure.objects.filter(proposal__initiative=initiative)
    }
    values_by_measure = defaultdict(list)
    for report in reports:  # in period order, so each series is too
        for value in report.values.all():
            values_by_measure[value.measure_id].append(value)
    for measure_pk, one in series.items():
        one.values = values_by_measure.get(measure_pk, [])
        fill_series(one)
    records = (
        Initiative.objects.filter(pk=initiative.pk)
        .select_related("final_evaluation__recorded_by", "resource_review__recorded_by")
        .get()
    )
    adjustments = list(initiative.adjustments.select_related("recorded_by"))
    seminars = list(initiative.seminars.select_related("recorded_by"))
    final_evaluation = getattr(records, "final_evaluation", None)
    resource_review = getattr(records, "resource_review", None)
    can = {flag: user.has_perm(f"initiatives.{perm}", initiative) for flag, perm in PERMS.items()}
    anything = reports or adjustments or seminars or final_evaluation or resource_review
    return {
        "execution": {
            # From the execution stages on; afterwards only when something was recorded.
            "show": bool(initiative.stage.running or anything or any(can.values())),
            "reports": reports,
            "series": list(series.values()),
            "adjustments": adjustments,
            "seminars": seminars,
            "final_evaluation": final_evaluation,
            "resource_review": resource_review,
            **can,
        }
    }
