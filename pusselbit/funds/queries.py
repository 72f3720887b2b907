"""Reads of the money: the ledger per direction and recipient, in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

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
    # Ties broken down to the share, so that a page of the ledger is always the same rows and
    # each direction's shares are together (direction_totals counts them in this order).
    return _with_sums(shares).order_by(
        "-allocation__funds__agreement__year",
        "allocation__funds__agreement",
        "allocation__funds__direction__order",
        "allocation__funds__direction_id",
        "-pooled",
        "recipient__name",
        "pk",
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

AMOUNTS = ("allocated", "committed", "spent", "remaining", "unspent", "to_repay")


@dataclass
class DirectionLedger:
    direction: Direction
    rows: list[LedgerRow]
    totals: dict[str, Decimal]  # of all the direction's shares, not only the rows on this page
    count: int  # how many shares the direction has in all
    ends_here: bool  # its last share is on this page: the subtotal goes under it


@dataclass
class AgreementLedger:
    """One page of an agreement's ledger: its rows grouped per direction, with the totals of the
    whole agreement and of each direction summed in the database."""

    agreement: Agreement
    directions: list[DirectionLedger]
    totals: dict[str, Decimal]
    ended: bool  # the use-by date has passed, so what is unspent is to be repaid

    @property
    def rows(self) -> list[LedgerRow]:
        return [row for direction in self.directions for row in direction.rows]

    @property
    def repayable_from(self) -> datetime.date:
        """The first day on which what is unspent counts as to repay."""
        return self.agreement.use_by + datetime.timedelta(days=1)


def agreements_with_funds(region):
    """The agreements the region has funds under, newest first: the ledger's choices."""
    return Agreement.objects.filter(funds__region=region).distinct().order_by("-year", "-pk")


def ledger_shares(region, agreement):
    """The agreement's shares with their sums, in the ledger's order: for one page of it."""
    return shares_with_sums(region, agreement)


def direction_totals(region, agreement, *, today=None) -> list[tuple[int, int, dict]]:
    """Per direction of the agreement, in the ledger's order: (direction pk, number of shares,
    the sums of the ledger's columns), in one query. Every column is a sum of its shares'
    figures, and the per-share figures are linear, so the totals are what adding up every row
    gives, to the öre."""
    today = today or timezone.localdate()
    ended = agreement.use_by < today
    shares = Share.objects.filter(
        allocation__funds__region=region, allocation__funds__agreement=agreement
    ).annotate(
        committed=_sum(Commitment, released_by__isnull=True),
        spent=_sum(Spending),
        spent_outside=_sum(Spending, ~Exists(_committed_to_the_spendings_initiative())),
    )
    sums = (
        shares.values("allocation__funds__direction")
        .annotate(
            shares=Count("pk"),
            total_allocated=Sum("amount"),
            total_committed=Sum("committed"),
            total_spent=Sum("spent"),
            total_spent_outside=Sum("spent_outside"),
        )
        .order_by("allocation__funds__direction__order", "allocation__funds__direction_id")
    )
    result = []
    for row in sums:
        allocated, committed, spent = (
            row["total_allocated"],
            row["total_committed"],
            row["total_spent"],
        )
        result.append(
            (
                row["allocation__funds__direction"],
                row["shares"],
                {
                    "allocated": allocated,
                    "committed": committed,
                    "spent": spent,
                    "remaining": left_to_commit(allocated, committed, row["total_spent_outside"]),
                    "unspent": allocated - spent,
                    "to_repay": (allocated - spent) if ended else Decimal("0"),
                },
            )
        )
    return result


def ledger_page(region, agreement, page, *, today=None) -> AgreementLedger:
    """One page of the agreement's ledger (`page` a Page of `ledger_shares`), grouped per
    direction, with the totals of the whole agreement and of each direction."""
    today = today or timezone.localdate()
    per_direction = direction_totals(region, agreement, today=today)
    rows_of: dict[int, list[LedgerRow]] = {}
    directions: dict[int, Direction] = {}
    for share in page.object_list:
        funds = share.allocation.funds
        directions[funds.direction_id] = funds.direction
        rows_of.setdefault(funds.direction_id, []).append(_row(share, today))
    end, seen, grouped = page.end_index(), 0, []
    for direction_pk, count, sums in per_direction:
        seen += count  # the position of the direction's last share in the whole ledger
        if direction_pk in rows_of:
            grouped.append(
                DirectionLedger(
                    directions[direction_pk], rows_of[direction_pk], sums, count, seen <= end
                )
            )
    zero = Decimal("0")
    totals = {key: sum((sums[key] for _pk, _count, sums in per_direction), zero) for key in AMOUNTS}
    return AgreementLedger(agreement, grouped, totals, agreement.use_by < today)


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
        .order_by("-agreement__year", "agreement__name", "agreement_id", "requisitioned_on", "pk")
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
