"""An agreement's funds for one region as tables, laid out like Region Dalarna's proposal for
ÖK 2020: the county-joint directions in one row with the rounded total, the municipal directions
per recipient with each recipient's rounded total and a sum row, and each per-capita or top-sliced
allocation as a split (Västra Götaland's co-morbidity funds). The agreement page shows these
tables; they download as .xlsx (real numbers with a number format) and .csv (plain decimals).

Built from RegionFunds, Allocation and Share rows in a fixed number of queries, whatever the
number of recipients. "Avrundat belopp" is the exact sum rounded half up to whole kronor
(engine.round_to_unit); the rounded column's sum is the sum of the rounded totals."""

import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pusselbit.core.downloads import XLSX, attachment
from pusselbit.core.spreadsheets import csv_row, csv_writer, xlsx_row

from .tables import AgreementTables, Row, Split

ORE_FORMAT = '#,##0.00 "kr"'
KRONA_FORMAT = '#,##0 "kr"'
POPULATION_FORMAT = "#,##0"
PER_INHABITANT_FORMAT = "0.000"


def filename(tables: AgreementTables, extension: str) -> str:
    """`medel-ok-2020-dalarna.xlsx`."""
    return f"medel-{slugify(tables.agreement.name)}-{tables.region.slug}.{extension}"


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
        # Recipients' and directions' names are typed by people: xlsx_row keeps them text.
        sheet.append(xlsx_row(sheet, header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
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
    return attachment(buffer.getvalue(), XLSX, filename(tables, "xlsx"))


def agreement_csv(tables: AgreementTables, *, swedish: bool = True) -> HttpResponse:
    """One table with one header row: which table a row belongs to, the recipient and its code,
    one column per direction, the rounded total, and for splits the population and kronor per
    inhabitant. Swedish (the default download, for Excel): `;`, decimal commas and a UTF-8
    byte-order mark; plain (`?format=plain`, for programs): `,` and decimal points."""
    columns = tables.columns
    position = {column.funds.pk: i for i, column in enumerate(columns)}
    width = len(columns)
    buffer = io.StringIO()
    writer = csv_writer(buffer, swedish=swedish)
    writer.writerow(
        csv_row(
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
    )

    def line(table, recipient, code, amounts: dict, rounded=None, population=None, per=None):
        cells = [None] * width
        for pk, amount in amounts.items():
            cells[position[pk]] = amount
        # Numbers as the dialect writes them (131634,63 or 131634.63); names that a spreadsheet
        # program would take for a formula get csv_row's apostrophe.
        writer.writerow(
            csv_row(
                [table, recipient, code, *cells, rounded, population, per], decimal_comma=swedish
            )
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
    return attachment(buffer.getvalue(), "text/csv; charset=utf-8", filename(tables, "csv"))
