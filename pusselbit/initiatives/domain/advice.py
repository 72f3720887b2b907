"""The county coordinator's advice on an idea (step 2), and the reason to let a proposal go to
LSVO although criteria are assessed as not met."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require
from pusselbit.funds.models import RegionFunds

from .. import notifications
from ..enums import AdviceNextStep, Assessment, Criterion, Fit
from ..models import Advice, ReasonToProceed


def _advice_problems(initiative, fields, agreement, directions, suggested_actors) -> dict:
    problems = {}
    if fields["fits_agreement"] != Fit.YES and not fields["fit_note"]:
        problems["fit_note"] = _("Write what does not fit, so the initiator knows what to change.")
    if fields["next_step"] == AdviceNextStep.OTHER and not fields["next_step_note"]:
        problems["next_step_note"] = _("Describe the next step.")
    outside = [o.name for o in suggested_actors if not o.serves_region(initiative.region)]
    if outside:
        problems["suggested_actors"] = _("Not acting in this region: %(names)s.") % {
            "names": ", ".join(outside)
        }
    if agreement is not None and directions:
        funded = set(
            RegionFunds.objects.filter(region=initiative.region, agreement=agreement).values_list(
                "direction_id", flat=True
            )
        )
        # An agreement the region has no funds under yet (the new year's) names no directions
        # to hold the advice to.
        unfunded = [d.display_name for d in directions if funded and d.pk not in funded]
        if unfunded:
            problems["directions"] = _(
                "The region has no funds under %(agreement)s for: %(directions)s."
            ) % {"agreement": agreement.name, "directions": "; ".join(unfunded)}
    return problems


@transaction.atomic
def give_advice(
    initiative,
    *,
    actor,
    fits_agreement: Fit,
    next_step: AdviceNextStep,
    fit_note: str = "",
    advice: str = "",
    next_step_note: str = "",
    agreement=None,
    priority_areas=(),
    directions=(),
    suggested_actors=(),
    submission=None,
) -> Advice:
    """Record the county coordinator's advice on the idea: how it fits the year's agreement and
    the priority areas, the actors to involve and the next step. A new entry each time; earlier
    entries stay as they were (a correction is a new entry). Once per `submission`.
    Side effects: the Advice row, the audit entry initiative.advice_given, and a notification
    to the initiative's owner (notifications.advice_given), mailed as they chose."""
    require(actor, "initiatives.give_advice", initiative)
    once = submissions.claim(submission, actor=actor)
    fields = {
        "fits_agreement": fits_agreement,
        "next_step": next_step,
        "fit_note": fit_note.strip(),
        "advice": advice.strip(),
        "next_step_note": next_step_note.strip(),
    }
    directions, suggested_actors = list(directions), list(suggested_actors)
    if problems := _advice_problems(initiative, fields, agreement, directions, suggested_actors):
        raise ValidationError(problems)
    entry = Advice.objects.create(
        initiative=initiative,
        stage=initiative.stage,
        agreement=agreement,
        recorded_by=actor,
        **fields,
    )
    entry.priority_areas.set(priority_areas)
    entry.directions.set(directions)
    entry.suggested_actors.set(suggested_actors)
    once.made(entry)
    audit.record(
        "initiative.advice_given",
        initiative,
        actor=actor,
        advice=entry.pk,
        fit=str(Fit(fits_agreement).label),
        next_step=str(AdviceNextStep(next_step).label),
    )
    notifications.advice_given(entry)
    return entry


@transaction.atomic
def record_reason_to_proceed(initiative, reason: str, *, actor) -> ReasonToProceed:
    """Record why the proposal may go to LSVO although criteria are assessed as not met; it
    covers those criteria as they are assessed now, and LSVO reads it beside them.
    Side effects: the ReasonToProceed row and the audit entry initiative.reason_to_proceed."""
    require(actor, "initiatives.record_reason_to_proceed", initiative)
    not_met = [
        a.criterion
        for a in initiative.criterion_assessments.all()
        if a.assessment == Assessment.NOT_MET
    ]
    if not not_met:
        raise ValidationError(
            {"reason_to_proceed": _("No criterion is assessed as not met: no reason is needed.")}
        )
    if not reason.strip():
        raise ValidationError({"reason_to_proceed": _("Write why the proposal may go on.")})
    row = ReasonToProceed.objects.create(
        initiative=initiative, criteria=not_met, reason=reason.strip(), recorded_by=actor
    )
    audit.record(
        "initiative.reason_to_proceed",
        initiative,
        actor=actor,
        criteria="; ".join(str(Criterion(c).label) for c in not_met),
    )
    return row
