"""Text typed by users is written as text in every .xlsx and .csv: a cell that starts like a
formula is a string cell (quote-prefixed in .xlsx, apostrophe-prefixed in .csv), while numbers
stay numbers. And every import reads files one way (`read_table`): .xlsx, or .csv in the
encodings and with the separators Swedish Excel writes, a bad row named "Row N: reason"."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from pusselbit.core.spreadsheets import (
    SpreadsheetRefused,
    columns,
    csv_row,
    filled_rows,
    read_number,
    read_table,
    xlsx_row,
)

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


# Reading ------------------------------------------------------------------------------------
ROWS = [["kommun", "namn", "vikt"], ["2080", "Falun", "1,5"], ["2081", "Borlänge", "2"]]


def refused(name: str, content: bytes, language: str = "en") -> SpreadsheetRefused:
    with translation.override(language), pytest.raises(SpreadsheetRefused) as error:
        read_table(name, content)
    return error.value


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_read_table_finds_the_separator_the_first_line_uses(delimiter):
    # The decimal comma is quoted where `,` separates, as every program writes it.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(ROWS)
    assert read_table("vikter.csv", buffer.getvalue().encode()) == ROWS


def test_read_table_takes_semicolons_over_a_quoted_comma_in_the_header():
    content = '"Mottagare, namn";vikt\n"Väst, norra";1,5\n'.encode()
    assert read_table("vikter.csv", content) == [
        ["Mottagare, namn", "vikt"],
        ["Väst, norra", "1,5"],
    ]


def test_read_table_drops_the_utf_8_byte_order_mark():
    content = "\ufeffkommun;namn\n2080;Säter\n".encode()
    assert read_table("f.csv", content) == [["kommun", "namn"], ["2080", "Säter"]]


def test_read_table_reads_windows_1252_as_swedish_excel_saves_csv():
    # "CSV (semikolonavgränsad)" from Excel set to Swedish: Windows-1252, semicolons.
    content = "kommun;namn\n2321;Åre\n1880;Örebro\n2280;Härnösand – Kramfors\n".encode("cp1252")
    assert read_table("f.csv", content) == [
        ["kommun", "namn"],
        ["2321", "Åre"],
        ["1880", "Örebro"],
        ["2280", "Härnösand – Kramfors"],
    ]


def test_read_table_reads_a_byte_windows_1252_leaves_undefined_as_latin_1():
    assert read_table("f.csv", b"namn;x\nS\xe4ter\x81;1\n")[1] == ["Säter\x81", "1"]


def test_read_table_reads_utf_16_as_excel_saves_unicode_text():
    content = "kommun\tnamn\r\n2321\tÅre\r\n".encode("utf-16")
    assert read_table("f.txt", content) == [["kommun", "namn"], ["2321", "Åre"]]


def test_read_table_reads_the_first_sheet_of_an_xlsx():
    workbook = Workbook()
    for row in [["kommunkod", "namn", "population"], [2080, "Säter", 59186.0], [2081, "Å", 0.5]]:
        workbook.active.append(row)
    assert read_table("f.xlsx", saved(workbook)) == [
        ["kommunkod", "namn", "population"],
        ["2080", "Säter", "59186"],  # a whole number typed as a decimal reads as it shows
        ["2081", "Å", "0.5"],
    ]
    # An .xlsx renamed .csv is still read as what it is.
    assert read_table("f.csv", saved(workbook))[1] == ["2080", "Säter", "59186"]


def test_read_table_refuses_the_old_xls_format_with_a_way_out():
    error = refused("f.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert "Save it as .xlsx or .csv" in str(error)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b";;\n ; \n"])
def test_read_table_refuses_an_empty_file_on_row_1(content):
    error = refused("f.csv", content)
    assert (error.row, str(error)) == (1, "Row 1: The file is empty.")
    assert str(refused("f.csv", content, "sv")) == "Rad 1: Filen är tom."


def test_read_table_names_the_row_it_cannot_read():
    # A cell over csv's 128 kB on the third row, after a cell that spans two lines (one row).
    content = f'a;b\n"två\nrader";1\n"{"x" * 200_000}";2\n'.encode()
    error = refused("f.csv", content)
    assert (error.row, str(error)) == (3, "Row 3: the row cannot be read as .csv.")
    assert str(refused("f.csv", content, "sv")) == "Rad 3: raden kan inte läsas som .csv."


def test_rows_are_numbered_as_a_spreadsheet_numbers_them_and_empty_ones_skipped():
    rows = read_table("f.csv", 'a;b\n\n"två\nrader";1\n;\nc;2\n'.encode())
    assert list(filled_rows(rows)) == [(3, ["två\nrader", "1"]), (5, ["c", "2"])]


def test_columns_names_what_the_header_lacks_on_row_1():
    assert columns(
        ["Mottagare", "Vikt", "x"], ["recipient"], aliases={"mottagare": "recipient"}
    ) == {
        "recipient": 0,
        "vikt": 1,
        "x": 2,
    }
    with translation.override("sv"), pytest.raises(SpreadsheetRefused) as error:
        columns(["namn", "vikt"], ["recipient", "weight"])
    assert str(error.value) == "Rad 1: Rubrikraden saknar kolumnen/kolumnerna recipient, weight."


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("3", Decimal("3")),
        ("1.5", Decimal("1.5")),
        ("10 951,5", Decimal("10951.5")),
        ("10\u00a0951,5", Decimal("10951.5")),
        ("10\u202f951", Decimal("10951")),
        (" 0,25 ", Decimal("0.25")),
        ("-2", Decimal("-2")),
    ],
)
def test_a_number_is_read_swedish_or_plain(written, number):
    assert read_number(written) == number


@pytest.mark.parametrize("written", ["", "tre", "1,234.5", "NaN", "Infinity", "-inf"])
def test_what_is_not_a_finite_number_is_none(written):
    assert read_number(written) is None
