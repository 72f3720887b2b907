"""Commitments and spending against a share: never more than the share has."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.formatting import format_money
from pusselbit.core.permissions import require

from .. import queries
from ..models import Commitment, Share, Spending


class InsufficientFunds(ValidationError):
    """The share has less left than asked for; the message gives the amounts."""


def _locked(share) -> Share:
    # The row lock serialises commitments against one share: with fifty at once on
    # PostgreSQL, each sees the sum the one before it left.
    return (
        Share.objects.select_for_update(of=("self",))
        .select_related("recipient", "allocation__funds__direction", "allocation__funds__agreement")
        .get(pk=share.pk)
    )


@transaction.atomic
def commit_funds(decision, share, amount: Decimal, *, actor, year: int) -> Commitment:
    """Commit `amount` of `share` to the decision. Refused, with the amounts, when more would be
    committed than is left to commit of the share (funds.queries.left_to_commit: allocated,
    less committed, less spent outside commitments). Call inside the decision's transaction."""
    share = _locked(share)
    agreement = share.allocation.funds.agreement
    if decision.decided_on > agreement.use_by:
        raise InsufficientFunds(
            _(
                "%(agreement)s funds were to be used by %(date)s; a decision of %(decided)s cannot "
                "commit them."
            )
            % {
                "agreement": agreement.name,
                "date": agreement.use_by.isoformat(),
                "decided": decision.decided_on.isoformat(),
            },
            code="use_by",
        )
    # Read after the lock: a commitment or spending against the share waits for this one.
    row = queries.share_row(share.pk)
    left = row.remaining
    if amount > left:
        values = {
            "direction": share.allocation.funds.direction.display_name,
            "recipient": share.recipient.name,
            "amount": format_money(amount),
            "left": format_money(left),
            "allocated": format_money(row.allocated),
            "committed": format_money(row.committed),
            "outside": format_money(row.spent_outside_commitments),
        }
        if row.spent_outside_commitments:
            message = _(
                "%(direction)s, %(recipient)s: %(amount)s would be committed, but only %(left)s "
                "is left to commit (allocated %(allocated)s, committed %(committed)s, spent "
                "outside commitments %(outside)s)."
            )
        else:
            message = _(
                "%(direction)s, %(recipient)s: %(amount)s would be committed, but only "
                "%(left)s is left (allocated %(allocated)s)."
            )
        raise InsufficientFunds(message % values, code="amount")
    commitment = Commitment.objects.create(share=share, decision=decision, year=year, amount=amount)
    audit.record("funds.committed", share, actor=actor, amount=amount, decision=decision.pk)
    return commitment


@transaction.atomic
def release_commitments(decision, *, by, actor) -> list[Commitment]:
    """Release what `decision` committed, because `by` (a correcting decision) replaces it."""
    released = list(decision.commitments.filter(released_by__isnull=True))
    for commitment in released:
        commitment.released_by = by
        commitment.save(update_fields=["released_by"])
        audit.record(
            "funds.released",
            commitment.share,
            actor=actor,
            amount=commitment.amount,
            decision=decision.pk,
            replaced_by=by.pk,
        )
    return released


@transaction.atomic
def report_spending(
    share, amount: Decimal, *, actor, spent_on, description, initiative=None, submission=None
) -> Spending:
    """Report use of a share's funds. For an `initiative` whose decision committed the share, no
    more than the commitment has unspent; without one (spent outside commitments), no more than
    is left to commit, so that committed money is never spent twice. With a form's `submission`
    key it is reported once however often the form is sent."""
    require(actor, "funds.report_spending", share.allocation.funds.region)
    once = submissions.claim(submission, actor=actor)
    share = _locked(share)
    if initiative is None:
        left = queries.share_row(share.pk).remaining
        message = _(
            "%(recipient)s: %(amount)s would be spent outside commitments, but only %(left)s is "
            "left that no decision has committed. If it pays an initiative, choose it."
        )
    else:
        committed = share.commitments.filter(
            decision__initiative=initiative, released_by__isnull=True
        ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
        spent = share.spendings.filter(initiative=initiative).aggregate(total=Sum("amount"))[
            "total"
        ] or Decimal("0")
        left = committed - spent
        message = _(
            "%(recipient)s: %(amount)s would be spent for %(initiative)s, but only %(left)s of "
            "what its decision committed is unspent."
        )
    if amount > left:
        raise InsufficientFunds(
            {
                "amount": message
                % {
                    "recipient": share.recipient.name,
                    "amount": format_money(amount),
                    "left": format_money(max(left, Decimal("0"))),
                    "initiative": getattr(initiative, "title", ""),
                }
            }
        )
    spending = Spending.objects.create(
        share=share,
        initiative=initiative,
        amount=amount,
        spent_on=spent_on,
        description=description,
        reported_by=actor,
    )
    once.made(spending)
    audit.record(
        "funds.spent",
        share,
        actor=actor,
        amount=amount,
        description=description,
        initiative=getattr(initiative, "pk", None),
    )
    return spending
