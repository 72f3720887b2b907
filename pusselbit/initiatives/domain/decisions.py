from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_long_date
from pusselbit.core.permissions import require
from pusselbit.core.validators import require_one_line
from pusselbit.funds.domain import InsufficientFunds, commit_funds, release_commitments

from ..document import keep_decision_document
from ..enums import DecisionExtent, DecisionOutcome, TransitionKind
from ..models import Decision, Recommendation
from ..workflows.engine import lock, may_take, refuse_if_moved_on, transition


class AlreadyCorrected(ValidationError):
    """The decision was corrected after the page was opened; `correction` is the newer one."""

    def __init__(self, correction: Decision):
        self.correction = correction
        super().__init__(
            _(
                "Nothing was recorded: decision %(number)s has already been corrected by "
                "decision %(correction)s of %(date)s. Correct the newer decision if it needs it."
            )
            % {
                "number": correction.replaces.registration_number,
                "correction": correction.registration_number,
                "date": format_long_date(correction.decided_on),
            }
        )


def _check(initiative, via, kind, actor):
    """The initiative, locked: a second sender of the same step waits here for the first and is
    then refused with what the first did (MovedOn), before anything is written."""
    if via.kind != kind:
        raise ValidationError(_("That is not a way to record a %(kind)s.") % {"kind": kind.label})
    locked = lock(initiative)
    refuse_if_moved_on(locked, via)
    if not may_take(actor, locked, via):
        raise PermissionDenied(_("Your roles may not take this step."))


@transaction.atomic
def record_recommendation(initiative, via, *, actor, rationale: str, meeting_date):
    """Record LSVO's recommendation and move the initiative along `via`, the recommendation
    transition whose outcome it is. Side effects: the Recommendation (never edited), the stage
    change with its history and e-mail (workflows.engine.transition)."""
    _check(initiative, via, TransitionKind.RECOMMENDATION, actor)
    recommendation = Recommendation.objects.create(
        initiative=initiative,
        stage=initiative.stage,
        outcome=via.outcome,
        rationale=rationale,
        meeting_date=meeting_date,
        recorded_by=actor,
    )
    audit.record(
        "initiative.recommendation_recorded",
        initiative,
        actor=actor,
        outcome=str(recommendation.get_outcome_display()),
        meeting_date=meeting_date,
    )
    transition(initiative, via, actor=actor, comment=rationale)
    return recommendation


@transaction.atomic
def record_decision(
    initiative,
    via,
    *,
    actor,
    decided_on,
    registration_number: str,
    budget=None,
    follow_up_plan: str = "",
    rationale: str = "",
    paid_from=None,
    committed_amount=None,
    extent: str = "",
):
    """Record the decision and move the initiative along `via`, the decision transition whose
    outcome it is. An approval of execution needs a budget and a follow-up plan. With
    `paid_from` (a funds Share) the decision commits `committed_amount` (default: the budget)
    of it; more than is left is refused with the amounts, and nothing is recorded. The stage
    change tells the initiator and the participants' contact persons of the decision and its
    outcome (workflows.engine.transition, notifications.stage_changed). An approval given
    while the initiative runs is the decision on implementation and says its `extent`
    (DecisionExtent: implement, or scale up); any other decision has none."""
    _check(initiative, via, TransitionKind.DECISION, actor)
    extent = _extent(initiative, via, extent)
    require_one_line(Decision, {"registration_number": registration_number})
    if via.outcome == "approved" and via.target.running:
        errors = {}
        if budget is None:
            errors["budget"] = _("An approval states the decided budget.")
        if not follow_up_plan.strip():
            errors["follow_up_plan"] = _("An approval states how the initiative is followed up.")
        if errors:
            raise ValidationError(errors)
    decision = Decision.objects.create(
        initiative=initiative,
        stage=initiative.stage,
        outcome=via.outcome,
        extent=extent,
        budget=budget,
        follow_up_plan=follow_up_plan,
        rationale=rationale,
        decided_on=decided_on,
        registration_number=registration_number,
        recorded_by=actor,
    )
    _commit(decision, paid_from, committed_amount, budget, actor=actor)
    _keep_document(decision)
    audit.record(
        "initiative.decision_recorded",
        initiative,
        actor=actor,
        outcome=str(decision.get_outcome_display()),
        extent=str(decision.get_extent_display()),
        budget=budget,
        registration_number=registration_number,
        decided_on=decided_on,
    )
    transition(initiative, via, actor=actor, comment=rationale)
    return decision


def decides_extent(initiative, via) -> bool:
    """Whether the decision along `via` is an implementation decision that says its extent.

    Asked of the step's own stage, not the initiative's current one: a second tab sending the
    decision that moved the initiative on must be told so, not asked for an extent."""
    return via.outcome == DecisionOutcome.APPROVED and via.source.running


def _extent(initiative, via, extent: str) -> str:
    if not decides_extent(initiative, via):
        return ""
    if extent not in DecisionExtent.values:
        raise ValidationError(
            {"extent": _("Say whether the decision implements or scales the initiative up.")}
        )
    return extent


def _keep_document(decision) -> None:
    """The decision's document as registered, with the funds it commits, is kept as a record:
    its downloads are made from it and never change (initiatives.document)."""
    keep_decision_document(decision)


def _commit(decision, paid_from, amount, budget, *, actor) -> None:
    if paid_from is None:
        return
    amount = amount if amount is not None else budget
    if not amount:
        raise ValidationError({"committed_amount": _("Say how much the funds pay.")})
    if paid_from.allocation.funds.region_id != decision.initiative.region_id:
        raise ValidationError({"paid_from": _("The funds belong to another region.")})
    _next_to_field(commit_funds, decision, paid_from, amount, actor=actor)


def _next_to_field(commit_funds, decision, share, amount, *, actor, year=None) -> None:
    """Commit, and say a refusal next to the field it is about: the funds when they are past
    their use-by date, the amount when more is asked for than is left to commit."""
    try:
        commit_funds(decision, share, amount, actor=actor, year=year or decision.decided_on.year)
    except InsufficientFunds as refused:
        field = "paid_from" if refused.code == "use_by" else "committed_amount"
        raise InsufficientFunds({field: refused.messages}) from refused


@transaction.atomic
def correct_decision(
    decision: Decision,
    *,
    actor,
    reason: str,
    decided_on,
    registration_number: str,
    budget=None,
    follow_up_plan: str = "",
    paid_from=None,
    committed_amount=None,
    release_commitment: bool = False,
) -> Decision:
    """A recorded decision is never edited: its correction is a new decision, with the same
    outcome, that names the one it replaces. The initiative's stage does not change. The old
    decision and its commitments stay on record; each commitment it made is marked as released
    by the correction, and the correction commits anew: from `paid_from` (`committed_amount`,
    by default the budget) if given, or else the same amounts from the same funds as before.
    Only `release_commitment`, a choice of its own, leaves the correction committing nothing."""
    initiative = decision.initiative
    require(actor, "initiatives.correct_decision", initiative)
    # Two corrections of one decision at once: the second waits for the first here, then sees it.
    lock(initiative)
    newer = Decision.objects.filter(replaces=decision).select_related("replaces").first()
    if newer is not None:
        raise AlreadyCorrected(newer)
    if not reason.strip():
        raise ValidationError({"rationale": _("Say what the correction corrects.")})
    require_one_line(Decision, {"registration_number": registration_number})
    if release_commitment:
        if paid_from is not None:
            raise ValidationError(
                {
                    "release_commitment": _(
                        "Either release the commitment or choose the funds that pay the "
                        "correction, not both."
                    )
                }
            )
        if not decision.commitments.filter(released_by__isnull=True).exists():
            raise ValidationError(
                {"release_commitment": _("The decision commits no funds; nothing is released.")}
            )
    correction = Decision.objects.create(
        initiative=initiative,
        stage=decision.stage,
        outcome=decision.outcome,
        extent=decision.extent,
        budget=budget,
        follow_up_plan=follow_up_plan,
        rationale=reason,
        decided_on=decided_on,
        registration_number=registration_number,
        replaces=decision,
        recorded_by=actor,
    )
    released = release_commitments(decision, by=correction, actor=actor)
    if paid_from is not None:
        _commit(correction, paid_from, committed_amount, budget, actor=actor)
    elif not release_commitment:
        for old in released:
            _next_to_field(
                commit_funds, correction, old.share, old.amount, actor=actor, year=old.year
            )
    _keep_document(correction)
    audit.record(
        "initiative.decision_corrected",
        initiative,
        actor=actor,
        replaces=decision.registration_number,
        budget=budget,
        registration_number=registration_number,
        released_commitment=release_commitment,
    )
    return correction
