"""The spreadsheets Pusselbit writes and reads.

Writing: text that users typed goes into .xlsx and .csv exports, and a spreadsheet program takes
a cell that starts with = + - @ (or a tab or carriage return) for a formula — a report answer
`=HYPERLINK("http://…";"Öppna")` would be a live link in the compiled county report (OWASP,
"CSV injection"). Every writer passes its rows through `xlsx_row` or `csv_row`, which keep such
text as text and numbers as numbers.

Reading: an uploaded .xlsx is a zip of XML, and both can claim or unpack to far more than they
weigh (a 5 kB file that says its sheet is A1:XFD300, a 40 kB zip that unpacks to gigabytes).
`read_table` checks the zip's sizes and counts its XML tags before openpyxl opens it, then reads
row by row and refuses a file past the bounds with a message that names them. It is the one
reader of every import (population figures, allocation weights in the form and the `allocate`
command, question sets), so all take the same files — .xlsx, or .csv in the encodings and with
the separators Swedish Excel writes — and all name a bad row the same way, "Row N: reason"."""

import codecs
import csv
import io
import re
import zipfile
import zlib
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
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


# Files that are not what their name says: the old binary .xls (an OLE compound file, as .doc
# is) is refused with a way out; a zip named .csv is an .xlsx someone renamed.
XLS_START = b"\xd0\xcf\x11\xe0"
XLSX_START = b"PK\x03\x04"
# The cell separators a .csv may use, in the order a tie goes: `;` first, as Excel set to
# Swedish writes it (`,` is its decimal sign), then tab (Excel's "Unicode text"), then `,`.
DELIMITERS = (";", "\t", ",")
QUOTED = re.compile(r'"[^"]*"')


class SpreadsheetRefused(ValueError):
    """A file, or one row of it, that is not read; the message says why, to the one who uploaded
    it. `row` is the row as a spreadsheet program numbers it (the header is row 1), or None for
    the file as a whole. Importers raise their own row problems as this too, so that every
    import says "Row N: reason"."""

    def __init__(self, reason: str, row: int | None = None):
        self.reason, self.row = reason, row
        super().__init__(row_message(row, reason) if row else reason)


def row_message(row: int, reason: str) -> str:
    """The one way a problem on a row of an imported file is said: "Row 3: reason"."""
    return _("Row %(row)d: %(reason)s") % {"row": row, "reason": reason}


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx, or a .csv, as rows of stripped text: row N of the file (as a
    spreadsheet program numbers it) is rows[N - 1]. A .csv may be UTF-8 (with or without a
    byte-order mark), UTF-16 with its mark, or Windows-1252 as Excel set to Swedish saves "CSV";
    its cells are separated by `;`, tab or `,`, whichever the first line uses most. Raises
    SpreadsheetRefused for a file that cannot be read, is past the bounds, or holds no text."""
    if len(content) > MAX_UNPACKED_MB * 1024 * 1024:
        raise SpreadsheetRefused(_too_big())
    if content.startswith(XLS_START):
        raise SpreadsheetRefused(
            _("The file is in the old Excel format (.xls). Save it as .xlsx or .csv and try again.")
        )
    if name.lower().endswith(".xlsx") or content.startswith(XLSX_START):
        _check_zip(content)
        rows = _xlsx_rows(content)
    else:
        rows = _csv_rows(decode_text(content))
    if not any(cell for row in rows for cell in row):
        raise SpreadsheetRefused(_("The file is empty."), row=1)
    return rows


def columns(header: list[str], needed, *, aliases=None) -> dict[str, int]:
    """Where each column of the header row is: its name, lower-cased (or what `aliases` makes of
    it, e.g. {"vikt": "weight"}), to its index; the first of a repeated name counts. Raises
    SpreadsheetRefused on row 1 naming the `needed` columns the header lacks."""
    aliases = aliases or {}
    names = [aliases.get(cell.strip().lower(), cell.strip().lower()) for cell in header]
    missing = [column for column in needed if column not in names]
    if missing:
        raise SpreadsheetRefused(
            _("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            row=1,
        )
    return {name: names.index(name) for name in dict.fromkeys(names) if name}


def filled_rows(rows: list[list[str]]):
    """(row number, cells) of each row below the header that has any text: an empty row, as
    spreadsheets leave between blocks or at the end, is no row of data."""
    for number, cells in enumerate(rows[1:], start=2):
        if any(cells):
            yield number, cells


# Spaces a Swedish number may be grouped with: a space, and the no-break and narrow no-break
# spaces Excel and Babel write ("10 951,5").
_GROUPING = str.maketrans("", "", " \u00a0\u202f")


def read_number(text: str):
    """A number as a cell or an option writes it, Swedish or plain: "10 951,5", "10951.5", "3".
    The one rule for every import (the weights on the page, in the domain and in the `allocate`
    command); a Decimal, or None when it is not a finite number."""
    cleaned = text.strip().translate(_GROUPING).replace(",", ".")
    try:
        number = Decimal(cleaned)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def decode_text(content: bytes) -> str:
    """The text of a .csv. UTF-8 is tried first, and strictly: text in Windows-1252 with å, ä or
    ö is (all but) never valid UTF-8, so what fails is Windows-1252, where the five bytes that
    code page leaves undefined are read as Latin-1. No guessing library: charset-normalizer
    took a short Windows-1252 file with "Åre" for Central European (cp1250, "Ĺre")."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SpreadsheetRefused(_("The file is not readable UTF-16 text.")) from error
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors=LATIN_1_FALLBACK)


def _latin_1(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode("latin-1"), error.end


LATIN_1_FALLBACK = "pusselbit-latin-1"
codecs.register_error(LATIN_1_FALLBACK, _latin_1)


def _delimiter(text: str) -> str:
    """The separator the first line with text uses most (outside quoted cells)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = QUOTED.sub("", first)
    return max(DELIMITERS, key=unquoted.count)


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
            rows.append([_cell_text(value) for value in values[:MAX_COLUMNS]])
        return rows
    except SpreadsheetRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that isn't xlsx
        raise SpreadsheetRefused(_unreadable_xlsx()) from error


def _cell_text(value) -> str:
    """A cell as the text it shows: a whole number typed as a decimal (59186.0) as 59186."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(text: str) -> list[list[str]]:
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for values in reader:
            if len(rows) == MAX_ROWS:
                raise SpreadsheetRefused(_too_many_rows())
            if any(value.strip() for value in values[MAX_COLUMNS:]):
                raise SpreadsheetRefused(_too_many_columns())
            rows.append([value.strip() for value in values[:MAX_COLUMNS]])
    except csv.Error as error:  # a cell over csv's 128 kB
        raise SpreadsheetRefused(_("the row cannot be read as .csv."), row=len(rows) + 1) from error
    return rows
