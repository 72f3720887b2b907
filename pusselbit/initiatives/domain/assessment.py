import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require

from ..enums import Assessment, Criterion, PreparationStep
from ..models import CriterionAssessment, PreparationRecord


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
def assess_criteria(initiative, assessed, *, actor) -> list[CriterionAssessment]:
    """Assess several criteria at once (the criteria page): `assessed` is (criterion,
    assessment, motivation) for each. All or none: one refused assessment saves none of them.
    One unchanged from its current assessment is left as it is, so the history shows only what
    changed. Side effects: assess_criterion's, for each changed one."""
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
    return saved


@transaction.atomic
def record_preparation_step(
    initiative, step: PreparationStep, *, actor, done_on: datetime.date, note: str = ""
) -> PreparationRecord:
    require(actor, "initiatives.record_preparation", initiative)
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
