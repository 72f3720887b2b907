"""Reads of the money: the ledger per direction and recipient, in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pusselbit.agreements.models import Direction

from .models import Agreement, Commitment, RegionFunds, Requisition, Share, Spending

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _sum(model, *conditions, **filters):
    rows = (
        model.objects.filter(*conditions, share=OuterRef("pk"), **filters)
        .order_by()
        .values("share")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=14, decimal_places=2)), ZERO
    )


def _with_sums(shares):
    return shares.select_related(
        "recipient", "allocation__funds__direction", "allocation__funds__agreement"
    ).annotate(
        committed=_sum(Commitment, released_by__isnull=True),
        spent=_sum(Spending),
        spent_outside=_sum(Spending, ~Exists(_committed_to_the_spendings_initiative())),
    )


def _committed_to_the_spendings_initiative():
    """A commitment of the spending's share, not released, by a decision on the spending's
    initiative: the spending is then within commitments. Spending without an initiative, or for
    one no decision commits the share to, is spent outside commitments."""
    return Commitment.objects.filter(
        share=OuterRef("share"),
        decision__initiative=OuterRef("initiative"),
        released_by__isnull=True,
    )


def shares_with_sums(region, agreement=None):
    shares = Share.objects.filter(allocation__funds__region=region)
    if agreement is not None:
        shares = shares.filter(allocation__funds__agreement=agreement)
    return _with_sums(shares).order_by(
        "-allocation__funds__agreement__year",
        "allocation__funds__direction__order",
        "-pooled",
        "recipient__name",
    )


def left_to_commit(allocated: Decimal, committed: Decimal, spent_outside: Decimal) -> Decimal:
    """What can still be committed of a share ("Kvar att binda"): what is allocated, less what
    decisions have committed, less what is spent outside commitments. The one rule for this
    figure: the ledger, the account page, the decision form and the domain's refusal
    (funds.domain.commit_funds) all come here."""
    return allocated - committed - spent_outside


@dataclass
class LedgerRow:
    share: Share
    allocated: Decimal
    committed: Decimal
    spent: Decimal
    to_repay: Decimal | None  # known once the agreement's use-by date has passed
    spent_outside_commitments: Decimal = Decimal("0")

    @property
    def remaining(self) -> Decimal:
        """What can still be committed ("Kvar att binda")."""
        return left_to_commit(self.allocated, self.committed, self.spent_outside_commitments)

    @property
    def unspent(self) -> Decimal:
        return self.allocated - self.spent


def _row(share, today) -> LedgerRow:
    """A share annotated by `_with_sums` as a ledger row."""
    ended = share.allocation.funds.agreement.use_by < today
    return LedgerRow(
        share=share,
        allocated=share.amount,
        committed=share.committed,
        spent=share.spent,
        to_repay=(share.amount - share.spent) if ended else None,
        spent_outside_commitments=share.spent_outside,
    )


def ledger(region, agreement=None, *, today=None) -> list[LedgerRow]:
    today = today or timezone.localdate()
    return [_row(share, today) for share in shares_with_sums(region, agreement)]


def share_row(share_pk: int, *, today=None) -> LedgerRow:
    """One share as a ledger row, whatever its region: for the domain, which has locked the
    share (funds.domain.ledger) and asks what is left of it."""
    today = today or timezone.localdate()
    return _row(_with_sums(Share.objects.filter(pk=share_pk)).get(), today)


def totals(rows: list[LedgerRow]) -> dict[str, Decimal]:
    zero = Decimal("0")
    return {
        "allocated": sum((r.allocated for r in rows), zero),
        "committed": sum((r.committed for r in rows), zero),
        "spent": sum((r.spent for r in rows), zero),
        "remaining": sum((r.remaining for r in rows), zero),
        "unspent": sum((r.unspent for r in rows), zero),
        "to_repay": sum((r.to_repay for r in rows if r.to_repay is not None), zero),
    }


# Reads for the ledger, account and requisition pages. Each runs a fixed number of queries.


@dataclass
class DirectionLedger:
    direction: Direction
    rows: list[LedgerRow]

    @cached_property
    def totals(self) -> dict[str, Decimal]:
        return totals(self.rows)


@dataclass
class AgreementLedger:
    agreement: Agreement
    directions: list[DirectionLedger]

    @property
    def rows(self) -> list[LedgerRow]:
        return [row for direction in self.directions for row in direction.rows]

    @cached_property
    def totals(self) -> dict[str, Decimal]:
        return totals(self.rows)

    @property
    def ended(self) -> bool:
        """The use-by date has passed, so what is unspent is to be repaid."""
        return any(row.to_repay is not None for row in self.rows)

    @property
    def repayable_from(self) -> datetime.date:
        """The first day on which what is unspent counts as to repay."""
        return self.agreement.use_by + datetime.timedelta(days=1)


def ledger_by_agreement(rows: list[LedgerRow]) -> list[AgreementLedger]:
    """The ledger's rows grouped per agreement, then per direction, in the rows' order."""
    agreements: dict[int, AgreementLedger] = {}
    directions: dict[tuple[int, int], DirectionLedger] = {}
    for row in rows:
        funds = row.share.allocation.funds
        agreement = agreements.get(funds.agreement_id)
        if agreement is None:
            agreement = agreements[funds.agreement_id] = AgreementLedger(funds.agreement, [])
        key = (funds.agreement_id, funds.direction_id)
        if key not in directions:
            directions[key] = DirectionLedger(funds.direction, [])
            agreement.directions.append(directions[key])
        directions[key].rows.append(row)
    return list(agreements.values())


def agreements_with_funds(region):
    return Agreement.objects.filter(funds__region=region).distinct()


def account(region, share_pk: int, *, today=None) -> LedgerRow:
    """One share of the region as a ledger row; another region's share is a 404."""
    today = today or timezone.localdate()
    return _row(get_object_or_404(shares_with_sums(region), pk=share_pk), today)


def commitments_of(share):
    """The share's commitments, released ones included, with their decisions and initiatives."""
    return share.commitments.select_related("decision__initiative", "released_by").order_by(
        "created_at", "pk"
    )


def spendings_of(share):
    return share.spendings.select_related("reported_by", "initiative").order_by("spent_on", "pk")


def directions_with_funds(region) -> dict[int, set[int]]:
    """Per agreement, the directions the region has funds for."""
    funded: dict[int, set[int]] = {}
    for agreement, direction in RegionFunds.objects.filter(region=region).values_list(
        "agreement_id", "direction_id"
    ):
        funded.setdefault(agreement, set()).add(direction)
    return funded


def requisitions(region):
    """The region's requisitions, per agreement (newest first) and in the order they were made,
    with their directions and beneficiaries."""
    return (
        Requisition.objects.filter(region=region)
        .select_related("agreement", "requisitioned_by")
        .prefetch_related(
            Prefetch("directions", queryset=Direction.objects.order_by("order", "code")),
            "on_behalf_of",
        )
        .order_by("-agreement__year", "agreement__name", "requisitioned_on", "pk")
    )


# The overview of the region's funds: the newest agreement years in full, the earlier ones as
# one line each with their totals summed in the database. Two queries however many years.

RECENT_AGREEMENTS = 3


def _allocated_to(funds_ref: str):
    shares = (
        Share.objects.filter(allocation__funds=OuterRef(funds_ref))
        .order_by()
        .values("allocation__funds")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(shares, output_field=DecimalField(max_digits=14, decimal_places=2))


def funds_overview(region, *, recent: int = RECENT_AGREEMENTS):
    """(the newest `recent` agreements, each with its funds per direction annotated with
    `allocated`; the earlier agreements, each annotated with `funds_total`, `allocated_total`
    and `directions`), newest first."""
    allocated = (
        Share.objects.filter(
            allocation__funds__region=region, allocation__funds__agreement=OuterRef("pk")
        )
        .order_by()
        .values("allocation__funds__agreement")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    agreements = list(
        Agreement.objects.filter(funds__region=region)
        .annotate(
            funds_total=Sum("funds__amount"),
            directions=Count("funds"),
            allocated_total=Subquery(
                allocated, output_field=DecimalField(max_digits=14, decimal_places=2)
            ),
        )
        .order_by("-year", "name", "pk")
    )
    newest, earlier = agreements[:recent], agreements[recent:]
    rows = (
        RegionFunds.objects.filter(region=region, agreement__in=newest)
        .select_related("direction", "allocation")
        .annotate(allocated=_allocated_to("pk"))
        .order_by("direction__order", "direction__code")
    )
    per_agreement = {agreement.pk: [] for agreement in newest}
    for row in rows:
        per_agreement[row.agreement_id].append(row)
    return [(agreement, per_agreement[agreement.pk]) for agreement in newest], earlier
