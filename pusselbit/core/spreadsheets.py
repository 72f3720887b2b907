"""The spreadsheets Pusselbit writes and reads.

Writing: text that users typed goes into .xlsx and .csv exports, and a spreadsheet program takes
a cell that starts with = + - @ (or a tab or carriage return) for a formula — a report answer
`=HYPERLINK("http://…";"Öppna")` would be a live link in the compiled county report (OWASP,
"CSV injection"). Every writer passes its rows through `xlsx_row` or `csv_row`, which keep such
text as text and numbers as numbers.

Reading: an uploaded .xlsx is a zip of XML, and both can claim or unpack to far more than they
weigh (a 5 kB file that says its sheet is A1:XFD300, a 40 kB zip that unpacks to gigabytes).
`read_table` checks the zip's sizes and counts its XML tags before openpyxl opens it, then reads
row by row and refuses a file past the bounds with a message that names them."""

import csv
import io
import re
import zipfile
import zlib
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

from .formatting import format_number

# Writing --------------------------------------------------------------------------------------
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "-1500" or "+3,5" starts like a formula but is a number wherever it is read.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def read_as_formula(value) -> bool:
    """Whether a spreadsheet program would take this text for a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    )


def xlsx_row(sheet, values) -> list:
    """The row to `sheet.append`. Text that would be read as a formula becomes a text cell with
    Excel's quote prefix: it shows as typed, and stays text when someone edits it. Characters
    that XML cannot hold (a vertical tab pasted from Word) are dropped rather than failing the
    whole file. Numbers, dates and None are passed on as they are."""
    return [_xlsx_cell(sheet, value) for value in values]


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not read_as_formula(value):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # openpyxl made it "f", a formula
    cell.quotePrefix = True
    return cell


def csv_row(values, *, decimal_comma: bool = False) -> list[str]:
    """The row to `csv.writer.writerow`. A .csv has no cell types, so text that would be read as
    a formula gets a leading apostrophe (OWASP's advice); a Decimal is written as a program
    reads it (131634.63), or with a decimal comma for Swedish Excel (131634,63), None as an
    empty cell."""
    return [_csv_cell(value, decimal_comma) for value in values]


def csv_writer(buffer, *, swedish: bool):
    """A CSV writer in one of two dialects. Swedish (for Excel set to Swedish, which reads `,`
    as the decimal sign): `;` between cells and a UTF-8 byte-order mark so that Excel reads
    å, ä and ö; write its rows with `csv_row(..., decimal_comma=True)`. Plain (for programs):
    `,` between cells, decimal points, no byte-order mark."""
    if swedish:
        buffer.write("\ufeff")
    return csv.writer(buffer, delimiter=";" if swedish else ",", lineterminator="\r\n")


def _csv_cell(value, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, str):
        return f"'{value}" if read_as_formula(value) else value
    return str(value)


# Reading --------------------------------------------------------------------------------------
MAX_ROWS = 2_000
MAX_COLUMNS = 30
MAX_UNPACKED_MB = 20
# Spreadsheet XML packs 5–30 times; a part that packs tighter than this is built to unpack.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# A sheet of MAX_ROWS × MAX_COLUMNS cells of text, as openpyxl writes it, has about 364 000
# tags; parsing is bounded by the tags, whatever the sizes say.
MAX_TAGS = 8 * MAX_ROWS * MAX_COLUMNS


class SpreadsheetRefused(ValueError):
    """A file that is not read; the message says why, to the one who uploaded it."""


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx, or a .csv (comma or semicolon), as rows of stripped text.
    Raises SpreadsheetRefused for a file that cannot be read or is past the bounds."""
    if len(content) > MAX_UNPACKED_MB * 1024 * 1024:
        raise SpreadsheetRefused(_too_big())
    if name.lower().endswith(".xlsx"):
        _check_zip(content)
        return _xlsx_rows(content)
    return _csv_rows(content)


def _too_big() -> str:
    return _("The file is larger than %(limit)s MB unpacked, the most that is read.") % {
        "limit": MAX_UNPACKED_MB
    }


def _too_many_rows() -> str:
    return _(
        "The file has more than %(limit)s rows, the most that is read. Delete the rows below the "
        "table, also empty rows with formatting, and try again."
    ) % {"limit": format_number(MAX_ROWS)}


def _too_many_columns() -> str:
    return _(
        "The file has more than %(limit)s columns, the most that is read. Delete the columns to "
        "the right of the table and try again."
    ) % {"limit": MAX_COLUMNS}


def _unreadable_xlsx() -> str:
    return _("The file is not a readable .xlsx file.")


def _check_zip(content: bytes) -> None:
    """Sizes and tags, from the zip's own directory and by unpacking it once in pieces; zipfile
    stops at the size a part declares, so the declared sizes bound the unpacking."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
        if sum(part.file_size for part in parts) > MAX_UNPACKED_MB * 1024 * 1024:
            raise SpreadsheetRefused(_too_big())
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
                raise SpreadsheetRefused(
                    _(
                        "The file is packed far tighter than a spreadsheet is (a part unpacks "
                        "to %(ratio)s times its size; at most %(limit)s is accepted), so it is "
                        "not read."
                    )
                    % {"ratio": format_number(int(ratio)), "limit": MAX_RATIO}
                )
        tags = 0
        for part in parts:
            if not part.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(part) as stream:
                while chunk := stream.read(1024 * 1024):
                    tags += chunk.count(b"<")
                    if tags > MAX_TAGS:
                        raise SpreadsheetRefused(
                            _(
                                "The file holds more than is read: at most %(rows)s rows of "
                                "%(columns)s columns."
                            )
                            % {"rows": format_number(MAX_ROWS), "columns": MAX_COLUMNS}
                        )
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # RuntimeError: an encrypted part; NotImplementedError: an unknown compression.
        raise SpreadsheetRefused(_unreadable_xlsx()) from error


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        # The sheet's own claim first: openpyxl pads every row to the claimed width.
        if (sheet.max_row or 0) > MAX_ROWS:
            raise SpreadsheetRefused(_too_many_rows())
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise SpreadsheetRefused(_too_many_columns())
        # Then what is really there, read without the claim: each row as wide as its cells.
        sheet.reset_dimensions()
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise SpreadsheetRefused(_too_many_rows())
            beyond = values[MAX_COLUMNS:]
            if beyond.count(None) != len(beyond):
                raise SpreadsheetRefused(_too_many_columns())
            rows.append(["" if v is None else str(v).strip() for v in values[:MAX_COLUMNS]])
        return rows
    except SpreadsheetRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that isn't xlsx
        raise SpreadsheetRefused(_unreadable_xlsx()) from error


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetRefused(_("The file is not UTF-8 text.")) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise SpreadsheetRefused(_too_many_rows())
            if any(value.strip() for value in values[MAX_COLUMNS:]):
                raise SpreadsheetRefused(_too_many_columns())
            rows.append([value.strip() for value in values[:MAX_COLUMNS]])
    except csv.Error as error:  # a cell over csv's 128 kB, a NUL character
        raise SpreadsheetRefused(
            _("Row %(row)d of the file cannot be read as .csv.") % {"row": reader.line_num}
        ) from error
    return rows
