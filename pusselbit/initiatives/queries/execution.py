"""What the initiative page shows of the running initiative (steps 10–12), read in a fixed
number of queries however many reports, values and measures there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pusselbit.core.formatting import format_iso_date, format_number

from ..models import EffectMeasure, Initiative, MeasureValue

PERMS = {
    "can_report": "report_follow_up",
    "can_adjust": "record_adjustment",
    "can_seminar": "record_seminar",
    "can_evaluate": "record_final_evaluation",
    "can_review": "review_resources",
}

# The chart's geometry, in SVG user units (pixels at 100 %).
SLOT = 84
HEIGHT = 220
TOP, BOTTOM, SIDE = 28, 44, 24


@dataclass
class ChartPoint:
    x: str
    y: str
    label: str  # under the axis: "Baseline", a period's last day, "Target"
    value: str  # above the point, formatted as in the table
    kind: str  # "baseline", "period" or "target"


@dataclass
class Chart:
    """A line chart drawn on the server, from the same numbers as the measure's table."""

    width: str
    height: str
    axis_y: str
    points: list[ChartPoint]
    line: str  # the polyline through the baseline and the reported values
    to_target: str  # the dashed way from the last of those to the target


@dataclass
class MeasureSeries:
    measure: EffectMeasure
    values: list[MeasureValue] = field(default_factory=list)  # in period order
    chart: Chart | None = None


def _coordinate(number: float) -> str:
    # Written by hand, not by the template: a localised "12,5" would break the SVG.
    return f"{number:.1f}"


def _chart(series: MeasureSeries) -> Chart | None:
    """Baseline, each period's value and the target along the x axis; None until a value is
    reported (a line from the baseline to the target alone says nothing new) and while there
    are fewer than two points to draw a line between."""
    measure = series.measure
    if not series.values:
        return None
    raw: list[tuple[Decimal, str, str]] = []
    if measure.baseline is not None:
        raw.append((measure.baseline, _("Baseline"), "baseline"))
    for value in series.values:
        raw.append((value.value, format_iso_date(value.report.period_end), "period"))
    if measure.target is not None:
        raw.append((measure.target, _("Target"), "target"))
    if len(raw) < 2:
        return None
    numbers = [number for number, _label, _kind in raw]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    plot_height = HEIGHT - TOP - BOTTOM
    width = max(len(raw) * SLOT, 4 * SLOT) + 2 * SIDE

    def y(number: Decimal) -> float:
        return TOP + float((high - number) / (high - low)) * plot_height

    points = [
        ChartPoint(
            x=_coordinate(SIDE + SLOT * (index + 0.5)),
            y=_coordinate(y(number)),
            label=label,
            value=format_number(number),
            kind=kind,
        )
        for index, (number, label, kind) in enumerate(raw)
    ]
    measured = [p for p in points if p.kind != "target"]
    target = [p for p in points if p.kind == "target"]
    return Chart(
        width=str(width),
        height=str(HEIGHT),
        axis_y=_coordinate(HEIGHT - BOTTOM + 8),
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in measured),
        to_target=(
            f"{measured[-1].x},{measured[-1].y} {target[0].x},{target[0].y}" if target else ""
        ),
    )


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
        one.chart = _chart(one)
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
