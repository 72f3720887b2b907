"""Reads of the money: the ledger per direction and recipient, in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import Commitment, Share, Spending

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _sum(model, **filters):
    rows = (
        model.objects.filter(share=OuterRef("pk"), **filters)
        .order_by()
        .values("share")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=14, decimal_places=2)), ZERO
    )


def shares_with_sums(region, agreement=None):
    shares = Share.objects.filter(allocation__funds__region=region)
    if agreement is not None:
        shares = shares.filter(allocation__funds__agreement=agreement)
    return (
        shares.select_related(
            "recipient", "allocation__funds__direction", "allocation__funds__agreement"
        )
        .annotate(committed=_sum(Commitment, released_by__isnull=True), spent=_sum(Spending))
        .order_by(
            "-allocation__funds__agreement__year",
            "allocation__funds__direction__order",
            "-pooled",
            "recipient__name",
        )
    )


@dataclass
class LedgerRow:
    share: Share
    allocated: Decimal
    committed: Decimal
    spent: Decimal
    to_repay: Decimal | None  # known once the agreement's use-by date has passed

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.committed

    @property
    def unspent(self) -> Decimal:
        return self.allocated - self.spent


def ledger(region, agreement=None, *, today=None) -> list[LedgerRow]:
    today = today or datetime.date.today()
    rows = []
    for share in shares_with_sums(region, agreement):
        ended = share.allocation.funds.agreement.use_by < today
        rows.append(
            LedgerRow(
                share=share,
                allocated=share.amount,
                committed=share.committed,
                spent=share.spent,
                to_repay=(share.amount - share.spent) if ended else None,
            )
        )
    return rows


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
