"""The tables of an agreement's funds for a region, as the seeds lay them out: county-joint
directions, recipients per municipal direction, and per-capita splits."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from babel.numbers import format_decimal

from pusselbit.agreements.enums import DirectionScope
from pusselbit.core.formatting import (
    babel_locale,
    format_money,
    format_whole_kronor,
    swedish_sort_key,
)
from pusselbit.organisations.enums import OrganisationKind

from .engine import round_to_unit
from .enums import AllocationKey, Unit
from .models import Allocation, RegionFunds, Share

ZERO = Decimal("0")
PER_INHABITANT = Decimal("0.001")  # kronor per inhabitant are shown with three decimals
KIND_ORDER = {
    OrganisationKind.REGION: 0,
    OrganisationKind.MUNICIPALITY: 1,
    OrganisationKind.ASSOCIATION: 2,
    OrganisationKind.CIVIL_SOCIETY: 3,
}


def _sum(values) -> Decimal | None:
    """The sum of the amounts that exist; None when there are none (shown as "–")."""
    present = [value for value in values if value is not None]
    return sum(present, ZERO) if present else None


def _rounded(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else round_to_unit(amount, Unit.KRONA)


@dataclass
class Column:
    """One direction's funds and what its allocation gives out (None: not allocated)."""

    funds: RegionFunds
    allocated: Decimal | None

    @property
    def direction(self):
        return self.funds.direction

    @property
    def unallocated(self) -> Decimal:
        return self.funds.amount - (self.allocated or ZERO)


@dataclass
class CountyJointTable:
    """The county-joint directions: one row of the region's funds per direction."""

    label: str
    columns: list[Column]

    @property
    def amounts(self) -> list[Decimal]:
        return [column.funds.amount for column in self.columns]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)

    @property
    def rounded(self) -> Decimal:
        return round_to_unit(self.total, Unit.KRONA)


@dataclass
class Row:
    """A recipient's amounts per direction (None where it has none). A pooled top slice is a
    row of its own, apart from what the same organisation gets in the split."""

    recipient: object
    amounts: list[Decimal | None]
    pooled: bool = False
    purpose: str = ""

    @property
    def total(self) -> Decimal | None:
        return _sum(self.amounts)

    @property
    def rounded(self) -> Decimal | None:
        return _rounded(self.total)

    @cached_property
    def rounded_text(self) -> str | None:
        """The rounded amount as the page writes it, formatted once for the table and the
        chart (None: the recipient has nothing)."""
        rounded = self.rounded
        return None if rounded is None else format_whole_kronor(rounded)


@dataclass
class RecipientTable:
    """The municipal directions per recipient, with column sums and the rounded totals."""

    columns: list[Column]
    rows: list[Row]

    @property
    def sums(self) -> list[Decimal]:
        return [_sum(row.amounts[i] for row in self.rows) or ZERO for i in range(len(self.columns))]

    @property
    def total(self) -> Decimal:
        return sum(self.sums, ZERO)

    @property
    def rounded(self) -> Decimal:
        """The sum of the rows' rounded totals (what the seed's "Avrundat belopp" adds up to)."""
        return sum((row.rounded for row in self.rows if row.rounded is not None), ZERO)


def format_per_inhabitant(value: Decimal | None) -> str:
    """`0,580`: always three decimals, which Babel's default pattern would drop."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.000", locale=babel_locale())


def per_inhabitant(amount: Decimal, population) -> Decimal | None:
    if not population:
        return None
    return (amount / Decimal(population)).quantize(PER_INHABITANT, rounding=ROUND_HALF_UP)


def short_reference_date(date) -> str:
    """`1/11–19`: day, month and the year's last two digits, as the seeds write a reference
    date ("0,580 kr/inv. per 1/11–19")."""
    return f"{date.day}/{date.month}–{date:%y}"


@dataclass(frozen=True)
class Basis:
    """The rate per inhabitant and the population's date an allocation was made with, as a
    document states them, and where its figures come from."""

    rate: Decimal
    reference_date: object
    source: str = ""

    @property
    def rate_text(self) -> str:
        return format_per_inhabitant(self.rate)

    @property
    def seed_text(self) -> str:
        """`0,580 kr/inv. per 1/11–19`, the seed's words (Swedish documents)."""
        return f"{self.rate_text} kr/inv. per {short_reference_date(self.reference_date)}"


def allocation_basis(allocation, shares) -> Basis | None:
    """The rate and date actually used: a rate key's own rate; by population, the amount split
    per inhabitant rounded to three decimals as the seed rounds it (1 000 000 kr over
    1 724 xxx inhabitants is 0,580); a manual table's stated rate and date. None for a key
    that is not per inhabitant, or without a date."""
    if allocation is None or allocation.reference_date is None:
        return None
    split = [share for share in shares if not share.pooled]
    if allocation.key == AllocationKey.RATE:
        rate = allocation.rate
    elif allocation.key == AllocationKey.POPULATION:
        rate = per_inhabitant(
            sum((share.amount for share in split), ZERO), sum(int(s.weight) for s in split)
        )
    elif allocation.key == AllocationKey.MANUAL:
        rate = allocation.rate
    else:
        rate = None
    if rate is None:
        return None
    return Basis(rate=rate, reference_date=allocation.reference_date, source=allocation.source)


@dataclass
class SplitRow:
    recipient: object
    population: int | None
    amount: Decimal
    whole_kronor: bool = False

    @cached_property
    def amount_text(self) -> str:
        """The amount as the page writes it, formatted once for the table and the chart."""
        return format_whole_kronor(self.amount) if self.whole_kronor else format_money(self.amount)

    @property
    def per_inhabitant(self) -> Decimal | None:
        return per_inhabitant(self.amount, self.population)

    @property
    def per_inhabitant_text(self) -> str:
        return format_per_inhabitant(self.per_inhabitant)


@dataclass
class Split:
    """One allocation shown as a split: the pooled top slice first, then each recipient with
    its population at the reference date (for a per-capita key) and its amount."""

    column: Column
    allocation: Allocation
    pooled: list[Share]
    rows: list[SplitRow]
    basis: "Basis | None" = None

    @property
    def direction(self):
        return self.column.direction

    @property
    def per_capita(self) -> bool:
        return self.allocation.key in (AllocationKey.POPULATION, AllocationKey.RATE)

    @property
    def whole_kronor(self) -> bool:
        return self.allocation.unit == Unit.KRONA

    @property
    def amount(self) -> Decimal:
        return sum((row.amount for row in self.rows), ZERO)

    @property
    def population(self) -> int | None:
        if not self.per_capita:
            return None
        return sum(row.population or 0 for row in self.rows)

    @property
    def per_inhabitant(self) -> Decimal | None:
        """Per inhabitant over the split; for a manual table, the rate it states (if any)."""
        if self.per_capita:
            return per_inhabitant(self.amount, self.population)
        return self.basis.rate.quantize(PER_INHABITANT) if self.basis else None

    @property
    def per_inhabitant_text(self) -> str:
        return format_per_inhabitant(self.per_inhabitant)

    @property
    def pooled_amount(self) -> Decimal:
        return sum((share.amount for share in self.pooled), ZERO)

    @property
    def total(self) -> Decimal:
        return self.pooled_amount + self.amount


@dataclass
class AgreementTables:
    agreement: object
    region: object
    columns: list[Column]
    county_joint: CountyJointTable | None = None
    municipal: RecipientTable | None = None
    splits: list[Split] = field(default_factory=list)

    @property
    def unallocated(self) -> list[Column]:
        return [column for column in self.columns if column.unallocated]


def _allocation(funds) -> Allocation | None:
    try:
        return funds.allocation
    except Allocation.DoesNotExist:
        return None


def _recipient_order(organisation, pooled=False):
    return (KIND_ORDER.get(organisation.kind, 9), swedish_sort_key(organisation.name), pooled)


def agreement_tables(agreement, region) -> AgreementTables:
    """The region's funds under the agreement as tables, in four queries."""
    all_funds = list(
        RegionFunds.objects.filter(agreement=agreement, region=region)
        .select_related("direction", "allocation")
        .order_by("direction__order", "direction__code")
    )
    funds_of = {}  # allocation pk → funds
    for funds in all_funds:
        allocation = _allocation(funds)
        if allocation is not None:
            funds_of[allocation.pk] = funds
    shares_of = defaultdict(list)  # funds pk → shares
    for share in Share.objects.filter(allocation__in=list(funds_of)).select_related("recipient"):
        shares_of[funds_of[share.allocation_id].pk].append(share)
    columns = [
        Column(
            funds=funds,
            allocated=_sum(share.amount for share in shares_of[funds.pk])
            if _allocation(funds)
            else None,
        )
        for funds in all_funds
    ]
    tables = AgreementTables(agreement=agreement, region=region, columns=columns)

    county_joint = [c for c in columns if c.direction.scope == DirectionScope.COUNTY_JOINT]
    if county_joint:
        tables.county_joint = CountyJointTable(label=region.name, columns=county_joint)

    municipal = [c for c in columns if c.direction.scope == DirectionScope.MUNICIPAL]
    if municipal:
        tables.municipal = _recipient_table(region, municipal, shares_of)

    for column in columns:
        allocation = _allocation(column.funds)
        if allocation is None:
            continue
        per_capita = allocation.key in (AllocationKey.POPULATION, AllocationKey.RATE)
        if not (per_capita or allocation.top_slice or allocation.rate):
            continue
        tables.splits.append(allocation_split(allocation, shares_of[column.funds.pk], column))
    return tables


def allocation_split(allocation, shares, column=None, *, largest_first=False) -> Split:
    """How `allocation` splits its funds, from its `shares` (with their recipients): the pooled
    top slice apart, then each recipient with its population at the reference date for a
    per-capita key, and the basis its rate was set on. The one builder of a split: the funds
    page, an assignment's page and its document all show this.

    Recipients go regions, municipalities, associations, civil society; within a kind by name
    (the funds page, like its recipient table), or `largest_first` as the seeds list an
    assignment's funds (GR, Fyrbodal, Skaraborg, Boråsregionen)."""
    per_capita = allocation.key in (AllocationKey.POPULATION, AllocationKey.RATE)
    if column is None:
        column = Column(
            funds=allocation.funds, allocated=sum((share.amount for share in shares), ZERO)
        )

    def order(row):
        if largest_first:
            kind = KIND_ORDER.get(row.recipient.kind, 9)
            return (kind, -row.amount, swedish_sort_key(row.recipient.name))
        return _recipient_order(row.recipient)

    rows = (
        SplitRow(
            recipient=share.recipient,
            population=int(share.weight) if per_capita else None,
            amount=share.amount,
            whole_kronor=allocation.unit == Unit.KRONA,
        )
        for share in shares
        if not share.pooled
    )
    return Split(
        column=column,
        allocation=allocation,
        pooled=[share for share in shares if share.pooled],
        basis=allocation_basis(allocation, shares),
        rows=sorted(rows, key=order),
    )


def _recipient_table(region, columns, shares_of) -> RecipientTable:
    """Every municipality of the region gets a row (with "–" where it has nothing), and so does
    every other recipient of these directions' funds."""
    rows = {}
    for municipality in region.organisations.municipalities():
        rows[(municipality.pk, False)] = Row(recipient=municipality, amounts=[None] * len(columns))
    for i, column in enumerate(columns):
        allocation = _allocation(column.funds)
        purpose = allocation.top_slice_purpose if allocation else ""
        for share in shares_of[column.funds.pk]:
            row = rows.setdefault(
                (share.recipient_id, share.pooled),
                Row(
                    recipient=share.recipient,
                    amounts=[None] * len(columns),
                    pooled=share.pooled,
                    purpose=purpose if share.pooled else "",
                ),
            )
            row.amounts[i] = (row.amounts[i] or ZERO) + share.amount
    ordered = sorted(rows.values(), key=lambda r: _recipient_order(r.recipient, r.pooled))
    return RecipientTable(columns=columns, rows=ordered)


# Downloads ---------------------------------------------------------------------------------
