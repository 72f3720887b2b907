"""An agreement's funds for one region as tables, laid out like Region Dalarna's proposal for
ÖK 2020: the county-joint directions in one row with the rounded total, the municipal directions
per recipient with each recipient's rounded total and a sum row, and each per-capita or top-sliced
allocation as a split (Västra Götaland's co-morbidity funds). The agreement page shows these
tables; they download as .xlsx (real numbers with a number format) and .csv (plain decimals).

Built from RegionFunds, Allocation and Share rows in a fixed number of queries, whatever the
number of recipients. "Avrundat belopp" is the exact sum rounded half up to whole kronor
(engine.round_to_unit); the rounded column's sum is the sum of the rounded totals."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pusselbit.agreements.models import DirectionScope
from pusselbit.core.formatting import babel_locale, swedish_sort_key
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

    @property
    def allocated_rows(self) -> list[Row]:
        return [row for row in self.rows if row.total is not None]


def format_per_inhabitant(value: Decimal | None) -> str:
    """`0,580`: always three decimals, which Babel's default pattern would drop."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.000", locale=babel_locale())


def per_inhabitant(amount: Decimal, population) -> Decimal | None:
    if not population:
        return None
    return (amount / Decimal(population)).quantize(PER_INHABITANT, rounding=ROUND_HALF_UP)


@dataclass
class SplitRow:
    recipient: object
    population: int | None
    amount: Decimal

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
        return per_inhabitant(self.amount, self.population) if self.per_capita else None

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
        if not (per_capita or allocation.top_slice):
            continue
        shares = shares_of[column.funds.pk]
        tables.splits.append(
            Split(
                column=column,
                allocation=allocation,
                pooled=[share for share in shares if share.pooled],
                rows=sorted(
                    (
                        SplitRow(
                            recipient=share.recipient,
                            population=int(share.weight) if per_capita else None,
                            amount=share.amount,
                        )
                        for share in shares
                        if not share.pooled
                    ),
                    key=lambda row: _recipient_order(row.recipient),
                ),
            )
        )
    return tables


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

ORE_FORMAT = '#,##0.00 "kr"'
KRONA_FORMAT = '#,##0 "kr"'
POPULATION_FORMAT = "#,##0"
PER_INHABITANT_FORMAT = "0.000"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(tables: AgreementTables, extension: str) -> str:
    """`medel-ok-2020-dalarna.xlsx`."""
    return f"medel-{slugify(tables.agreement.name)}-{tables.region.slug}.{extension}"


def _download(content, content_type, name) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def pooled_label(name: str, purpose: str = "") -> str:
    if purpose:
        return _("%(name)s, top slice for %(purpose)s") % {"name": name, "purpose": purpose}
    return _("%(name)s, top slice") % {"name": name}


def _recipient_label(row: Row) -> str:
    return pooled_label(row.recipient.name, row.purpose) if row.pooled else row.recipient.name


def _split_title(split: Split) -> str:
    return _("%(direction)s: split") % {"direction": split.direction.display_name}


def _sheets(tables: AgreementTables):
    """Each table as (sheet title, header, rows of cells, the number format of each column or
    None for text, whether the last row is a sum row)."""
    if tables.county_joint:
        table = tables.county_joint
        yield (
            _("County-joint funds"),
            [_("Region"), *(c.direction.display_name for c in table.columns), _("Rounded amount")],
            [[table.label, *table.amounts, table.rounded]],
            [None, *(ORE_FORMAT for _c in table.columns), KRONA_FORMAT],
            False,
        )
    if tables.municipal:
        table = tables.municipal
        yield (
            _("Municipal funds"),
            [
                _("Recipient"),
                *(c.direction.display_name for c in table.columns),
                _("Rounded amount"),
            ],
            [
                *([_recipient_label(r), *r.amounts, r.rounded] for r in table.rows),
                [_("Total"), *table.sums, table.rounded],
            ],
            [None, *(ORE_FORMAT for _c in table.columns), KRONA_FORMAT],
            True,
        )
    for split in tables.splits:
        amount_format = KRONA_FORMAT if split.whole_kronor else ORE_FORMAT
        date = split.allocation.reference_date
        population_header = (
            _("Population %(date)s") % {"date": date.isoformat()} if date else _("Population")
        )
        yield (
            # "Split" first, so that it survives Excel's 31 characters.
            _("Split – %(direction)s") % {"direction": split.direction.display_name},
            [_("Recipient"), population_header, _("Amount"), _("Kronor per inhabitant")],
            [
                *(
                    [
                        pooled_label(s.recipient.name, split.allocation.top_slice_purpose),
                        None,
                        s.amount,
                        None,
                    ]
                    for s in split.pooled
                ),
                *([r.recipient.name, r.population, r.amount, r.per_inhabitant] for r in split.rows),
                [_("Total, split"), split.population, split.amount, split.per_inhabitant],
            ],
            [None, POPULATION_FORMAT, amount_format, PER_INHABITANT_FORMAT],
            True,
        )


def _sheet_title(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31].strip()
    candidate, number = clean, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate, number = clean[: 31 - len(suffix)].strip() + suffix, number + 1
    taken.add(candidate.casefold())
    return candidate


def agreement_xlsx(tables: AgreementTables) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = _("%(agreement)s: funds for %(region)s") % {
        "agreement": tables.agreement.name,
        "region": tables.region.name,
    }
    workbook.properties.creator = "Pusselbit"
    taken = set()
    for title, header, rows, formats, sum_row in _sheets(tables):
        sheet = workbook.create_sheet(_sheet_title(title, taken))
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append(row)
        if sum_row:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for index, number_format in enumerate(formats, start=1):
            letter = get_column_letter(index)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            texts = [str(header[index - 1])] + [
                str(row[index - 1]) for row in rows if row[index - 1] is not None
            ]
            widest = max(len(text) for text in texts[1:]) if len(texts) > 1 else 0
            # Numbers get room for their separators and " kr"; headers wrap past 30 characters.
            sheet.column_dimensions[letter].width = min(
                max(widest + (6 if number_format else 2), min(len(texts[0]), 30) + 2, 10), 45
            )
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), XLSX_TYPE, filename(tables, "xlsx"))


def _plain(value) -> str:
    """A number as a program reads it: 131634.63, 197452, 0.579; text as it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def agreement_csv(tables: AgreementTables) -> HttpResponse:
    """One table with one header row: which table a row belongs to, the recipient and its code,
    one column per direction, the rounded total, and for splits the population and kronor per
    inhabitant. UTF-8 with a byte-order mark, so that Excel reads å, ä and ö."""
    columns = tables.columns
    position = {column.funds.pk: i for i, column in enumerate(columns)}
    width = len(columns)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Table"),
            _("Recipient"),
            _("Code"),
            *(c.direction.display_name for c in columns),
            _("Rounded amount"),
            _("Population"),
            _("Kronor per inhabitant"),
        ]
    )

    def line(table, recipient, code, amounts: dict, rounded=None, population=None, per=None):
        cells = [None] * width
        for pk, amount in amounts.items():
            cells[position[pk]] = amount
        writer.writerow(
            [table, recipient, code, *map(_plain, cells), *map(_plain, (rounded, population, per))]
        )

    if tables.county_joint:
        table = tables.county_joint
        regional = tables.region.code
        line(
            _("County-joint funds"),
            table.label,
            regional,
            {c.funds.pk: c.funds.amount for c in table.columns},
            table.rounded,
        )
    if tables.municipal:
        table, title = tables.municipal, _("Municipal funds")
        pks = [c.funds.pk for c in table.columns]
        for row in table.rows:
            line(
                title,
                _recipient_label(row),
                row.recipient.code,
                dict(zip(pks, row.amounts, strict=True)),
                row.rounded,
            )
        line(title, _("Total"), "", dict(zip(pks, table.sums, strict=True)), table.rounded)
    for split in tables.splits:
        title, pk = _split_title(split), split.column.funds.pk
        for share in split.pooled:
            line(
                title,
                pooled_label(share.recipient.name, split.allocation.top_slice_purpose),
                share.recipient.code,
                {pk: share.amount},
            )
        for row in split.rows:
            line(
                title,
                row.recipient.name,
                row.recipient.code,
                {pk: row.amount},
                None,
                row.population,
                row.per_inhabitant,
            )
        line(
            title,
            _("Total, split"),
            "",
            {pk: split.amount},
            None,
            split.population,
            split.per_inhabitant,
        )
    return _download(buffer.getvalue(), "text/csv; charset=utf-8", filename(tables, "csv"))
