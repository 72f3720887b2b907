import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core import audit
from pusselbit.core.permissions import require

from ..enums import Assessment, Criterion, PreparationStep
from ..models import CriterionAssessment, PreparationRecord
from .advice import record_reason_to_proceed


@transaction.atomic
def assess_criterion(
    initiative, criterion: Criterion, assessment: Assessment, motivation: str, *, actor
) -> CriterionAssessment:
    """Assess one of the eight criteria; a new assessment replaces the earlier one (the history
    keeps both)."""
    require(actor, "initiatives.assess_criteria", initiative)
    if not motivation.strip():
        raise ValidationError({"motivation": _("Write why the criterion is assessed so.")})
    row, _created = CriterionAssessment.objects.update_or_create(
        initiative=initiative,
        criterion=criterion,
        defaults={"assessment": assessment, "motivation": motivation.strip(), "assessed_by": actor},
    )
    audit.record(
        "initiative.criterion_assessed",
        initiative,
        actor=actor,
        criterion=str(Criterion(criterion).label),
        assessment=str(Assessment(assessment).label),
    )
    return row


@transaction.atomic
def assess_criteria(
    initiative, assessed, *, actor, reason_to_proceed: str = ""
) -> list[CriterionAssessment]:
    """Assess several criteria at once (the criteria page): `assessed` is (criterion,
    assessment, motivation) for each. All or none: one refused assessment saves none of them.
    One unchanged from its current assessment is left as it is, so the history shows only what
    changed. With `reason_to_proceed`, the reason for the proposal to go to LSVO although
    criteria are then assessed as not met is recorded too (record_reason_to_proceed).
    Side effects: assess_criterion's, for each changed one, and record_reason_to_proceed's."""
    require(actor, "initiatives.assess_criteria", initiative)
    current = {a.criterion: a for a in initiative.criterion_assessments.all()}
    saved = []
    for criterion, assessment, motivation in assessed:
        existing = current.get(Criterion(criterion).value)
        if existing and (existing.assessment, existing.motivation) == (
            assessment,
            motivation.strip(),
        ):
            continue
        saved.append(assess_criterion(initiative, criterion, assessment, motivation, actor=actor))
    if reason_to_proceed.strip():
        record_reason_to_proceed(initiative, reason_to_proceed, actor=actor)
    return saved


FUTURE = gettext_lazy("The date is in the future: a step is marked done once it is done.")


def refuse_future(done_on: datetime.date, field: str = "done_on") -> None:
    if done_on > timezone.localdate():
        raise ValidationError({field: FUTURE})


@transaction.atomic
def record_preparation_step(
    initiative, step: PreparationStep, *, actor, done_on: datetime.date, note: str = ""
) -> PreparationRecord:
    """Mark one preparation step as done on `done_on` (not later than today); marking it again
    changes its date and note. Side effects: the PreparationRecord, the audit entry
    initiative.preparation_done."""
    require(actor, "initiatives.record_preparation", initiative)
    refuse_future(done_on)
    row, _created = PreparationRecord.objects.update_or_create(
        initiative=initiative,
        step=step,
        defaults={"done_by": actor, "done_on": done_on, "note": note},
    )
    audit.record(
        "initiative.preparation_done",
        initiative,
        actor=actor,
        step=str(PreparationStep(step).label),
        done_on=done_on,
    )
    return row


@transaction.atomic
def record_preparation(initiative, steps, *, actor) -> list[PreparationRecord]:
    """The preparation steps on one form: `steps` is (step, done_on, note) for each step that is
    done. All or none: one refused step (a date in the future) saves none, and names its field
    (`<step>_done_on`). A step that is as it was is left alone, so the history shows only what
    changed; a step marked done stays done (leaving it out does not undo it).
    Side effects: record_preparation_step's, for each changed one."""
    require(actor, "initiatives.record_preparation", initiative)
    current = {r.step: r for r in initiative.preparation_records.all()}
    changed = []
    for step, done_on, note in steps:
        step = PreparationStep(step)
        existing = current.get(step.value)
        if not existing or (existing.done_on, existing.note) != (done_on, note.strip()):
            changed.append((step, done_on, note.strip()))
    today = timezone.localdate()
    if future := [step for step, done_on, _note in changed if done_on > today]:
        raise ValidationError({f"{step.value}_done_on": FUTURE for step in future})
    return [
        record_preparation_step(initiative, step, actor=actor, done_on=done_on, note=note)
        for step, done_on, note in changed
    ]
