"""Text typed by users is written as text in every .xlsx and .csv: a cell that starts like a
formula is a string cell (quote-prefixed in .xlsx, apostrophe-prefixed in .csv), while numbers
stay numbers."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from pusselbit.core.spreadsheets import csv_row, xlsx_row

FORMULA_LIKE = [
    '=HYPERLINK("http://example.org/";"Öppna")',
    "+1+2",
    "-1+2",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_row_writes_formula_like_text_as_quoted_text(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Svar") if write_only else workbook.active
    sheet.append(xlsx_row(sheet, FORMULA_LIKE))
    content = saved(workbook)

    cells = list(load_workbook(io.BytesIO(content)).active.iter_rows())[0]
    assert [cell.value for cell in cells] == FORMULA_LIKE
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)
    assert "<f>" not in sheet_xml(content)


def test_xlsx_row_keeps_numbers_dates_and_plain_text_as_they_are():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        xlsx_row(sheet, [Decimal("-1500.50"), -3, "-1500", "Falun", datetime.date(2021, 3, 31)])
    )
    row = list(load_workbook(io.BytesIO(saved(workbook))).active.iter_rows())[0]
    assert [cell.data_type for cell in row[:4]] == ["n", "n", "s", "s"]
    assert row[0].value == -1500.5 and row[1].value == -3
    assert row[2].value == "-1500" and not row[2].quotePrefix  # a number in words, not a formula
    assert row[3].value == "Falun" and not row[3].quotePrefix
    assert row[4].value == datetime.datetime(2021, 3, 31)


def test_xlsx_row_drops_characters_xml_cannot_hold():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    sheet.append(xlsx_row(sheet, ["Rad ett\x0bRad två", "=1+1\x00"]))
    row = list(load_workbook(io.BytesIO(saved(workbook))).active.iter_rows(values_only=True))[0]
    assert row == ("Rad ettRad två", "=1+1")


def test_csv_row_prefixes_formula_like_text_with_an_apostrophe():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row([*FORMULA_LIKE, "Falun", "-1500", Decimal("-1500.50"), 3, None]))
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row == [
        *(f"'{text}" for text in FORMULA_LIKE),
        "Falun",
        "-1500",
        "-1500.50",
        "3",
        "",
    ]
