"""Steps 10–12 of the process: the running initiative is followed up, adjusted with the steering
group, spread at seminars, evaluated, and its resources reviewed before implementation.

Every function checks the actor's permission (the rules only allow these in a running stage),
validates with field-keyed ValidationErrors, writes its rows and one audit entry on the
initiative, all in one transaction."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require

from .. import notifications
from ..models import (
    Adjustment,
    EffectMeasure,
    FinalEvaluation,
    FollowUpReport,
    MeasureValue,
    ResourceReview,
    Seminar,
)
from ..search import index as search_index


def _clean(row) -> None:
    """The model's own validation (required fields, lengths, decimal places), so that a caller
    other than the form (the API, the demo loader) gets the same field-keyed errors. The foreign
    keys are ours to set and not looked up again."""
    foreign_keys = [f.name for f in row._meta.concrete_fields if f.is_relation]
    row.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)


def _strip(**texts: str) -> dict[str, str]:
    return {name: (value or "").strip() for name, value in texts.items()}


@transaction.atomic
def report_progress(
    initiative,
    *,
    actor,
    period_start: datetime.date,
    period_end: datetime.date,
    done: str,
    deviations: str = "",
    values: dict[EffectMeasure, Decimal] | None = None,
) -> FollowUpReport:
    """Report what was done in a period and the effect measures' values at its end.
    Side effects: the FollowUpReport, one MeasureValue per measure given a value, an audit
    entry "initiative.follow_up_reported"."""
    require(actor, "initiatives.report_progress", initiative)
    values = {measure: value for measure, value in (values or {}).items() if value is not None}
    report = FollowUpReport(
        initiative=initiative,
        period_start=period_start,
        period_end=period_end,
        reported_by=actor,
        **_strip(done=done, deviations=deviations),
    )
    errors = {}
    try:
        _clean(report)
    except ValidationError as error:
        errors.update(error.message_dict)
    if period_start and period_end and period_end < period_start:
        errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
    own = set(
        EffectMeasure.objects.filter(proposal__initiative=initiative).values_list("pk", flat=True)
    )
    foreign = [m for m in values if m.pk not in own]
    if foreign:
        errors.setdefault("values", []).append(
            _("These effect measures are not the initiative's own: %(names)s.")
            % {"names": ", ".join(m.name for m in foreign)}
        )
    rows = [MeasureValue(measure=measure, value=value) for measure, value in values.items()]
    for row in rows:
        try:
            _clean(row)
        except ValidationError as error:
            for message in error.messages:
                errors.setdefault("values", []).append(f"{row.measure.name}: {message}")
    if errors:
        raise ValidationError(errors)
    report.save()
    for row in rows:
        row.report = report
    MeasureValue.objects.bulk_create(rows)
    audit.record(
        "initiative.follow_up_reported",
        initiative,
        actor=actor,
        period_start=period_start,
        period_end=period_end,
        values=[[row.measure.name, row.value] for row in rows],
    )
    return report


@transaction.atomic
def record_adjustment(
    initiative, *, actor, agreed_on: datetime.date, description: str, agreed_with: str
) -> Adjustment:
    """Record an adjustment agreed with the steering group because the wanted effects are not
    met. Side effects: the Adjustment, an audit entry "initiative.adjustment_recorded", and the
    initiator and the participants' contact persons told of it (notifications.adjusted)."""
    require(actor, "initiatives.record_adjustment", initiative)
    adjustment = Adjustment(
        initiative=initiative,
        agreed_on=agreed_on,
        recorded_by=actor,
        **_strip(description=description, agreed_with=agreed_with),
    )
    _clean(adjustment)
    adjustment.save()
    audit.record(
        "initiative.adjustment_recorded",
        initiative,
        actor=actor,
        agreed_on=agreed_on,
        agreed_with=adjustment.agreed_with,
    )
    notifications.adjusted(adjustment, actor=actor)
    return adjustment


@transaction.atomic
def record_seminar(
    initiative,
    *,
    actor,
    held_on: datetime.date,
    title: str,
    audience: str = "",
    notes: str = "",
) -> Seminar:
    """Record a seminar held for learning and spreading results. Side effects: the Seminar, an
    audit entry "initiative.seminar_recorded"."""
    require(actor, "initiatives.record_seminar", initiative)
    seminar = Seminar(
        initiative=initiative,
        held_on=held_on,
        recorded_by=actor,
        **_strip(title=title, audience=audience, notes=notes),
    )
    _clean(seminar)
    seminar.save()
    audit.record(
        "initiative.seminar_recorded", initiative, actor=actor, held_on=held_on, title=seminar.title
    )
    return seminar


def _save_once(row, message: str) -> None:
    """Save a one-per-initiative row; a second one (also a concurrent one, which the database's
    unique constraint catches) is refused with `message`."""
    if type(row).objects.filter(initiative=row.initiative).exists():
        raise ValidationError(message)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError(message) from None


@transaction.atomic
def record_final_evaluation(
    initiative,
    *,
    actor,
    summary: str,
    effects: str,
    lessons: str = "",
    evaluated_on: datetime.date,
) -> FinalEvaluation:
    """Record the initiative's final evaluation, once; it is what the gate "final_evaluation"
    asks for. Side effects: the FinalEvaluation, an audit entry
    "initiative.final_evaluation_recorded"."""
    require(actor, "initiatives.record_final_evaluation", initiative)
    evaluation = FinalEvaluation(
        initiative=initiative,
        evaluated_on=evaluated_on,
        recorded_by=actor,
        **_strip(summary=summary, effects=effects, lessons=lessons),
    )
    _clean(evaluation)
    _save_once(evaluation, _("The final evaluation has already been recorded."))
    search_index.refresh(initiative)
    audit.record(
        "initiative.final_evaluation_recorded", initiative, actor=actor, evaluated_on=evaluated_on
    )
    return evaluation


@transaction.atomic
def review_resources(
    initiative,
    *,
    actor,
    economic_resources: str,
    personnel_resources: str,
    scale_up_plan: str,
    reviewed_on: datetime.date,
) -> ResourceReview:
    """Record the review of economic and personnel resources and the refined plan for
    implementation and scale-up, once; the gate "resources_reviewed" asks for it. Side
    effects: the ResourceReview, an audit entry "initiative.resources_reviewed"."""
    require(actor, "initiatives.review_resources", initiative)
    review = ResourceReview(
        initiative=initiative,
        reviewed_on=reviewed_on,
        recorded_by=actor,
        **_strip(
            economic_resources=economic_resources,
            personnel_resources=personnel_resources,
            scale_up_plan=scale_up_plan,
        ),
    )
    _clean(review)
    _save_once(review, _("The resources have already been reviewed."))
    audit.record("initiative.resources_reviewed", initiative, actor=actor, reviewed_on=reviewed_on)
    return review
