"""A question-set file past the bounds (2 000 rows, 30 columns, 20 MB unpacked, packed at most
100 times) is refused quickly, with a message that names the bound, and nothing is written."""

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from pusselbit.reporting.domain import QuestionSetFileError, import_question_set
from pusselbit.reporting.models import Question, QuestionSet
from tests.reporting.test_domain import CSV

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
# Generous: the file is to be refused at once, not after the seconds the unbounded read took.
QUICK = 3.0


def question_set_xlsx(extra_rows=()) -> bytes:
    workbook = Workbook()
    for row in [*CSV.strip().splitlines(), *extra_rows]:
        workbook.active.append(row.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(content: bytes, change) -> bytes:
    """`content` with its sheet's XML replaced by change(xml)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            data = source.read(part.filename)
            archive.writestr(part.filename, change(data) if part.filename == SHEET else data)
    return buffer.getvalue()


def refused(file_name: str, content: bytes) -> str:
    started = time.monotonic()
    with pytest.raises(QuestionSetFileError) as error:
        import_question_set("ÖK 2020", "SKR", file_name, content, actor=None)
    assert time.monotonic() - started < QUICK
    assert not QuestionSet.objects.exists() and not Question.objects.exists()
    return str(error.value).replace("\xa0", " ")


def test_import_refuses_a_sheet_that_claims_a1_xfd300():
    content = with_sheet(
        question_set_xlsx(),
        lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD300"', xml),
    )
    assert len(content) < 10_000
    assert "mer än 30 kolumner" in refused("fragor.xlsx", content)


def test_import_refuses_a_value_beyond_column_30_whatever_the_sheet_claims():
    content = with_sheet(
        question_set_xlsx(),
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="8"><c r="AE8" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    assert "mer än 30 kolumner" in refused("fragor.xlsx", content)


def test_import_refuses_a_row_far_below_the_questions_without_reading_the_gap():
    content = with_sheet(
        question_set_xlsx(),
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        ),
    )
    assert "mer än 2 000 rader" in refused("fragor.xlsx", content)


def test_import_refuses_a_zip_bomb():
    # 40 MB of one repeated row packs into about 130 kB.
    row = b'<row r="9"><c r="A9" t="inlineStr"><is><t>x</t></is></c></row>'
    bomb = row * (40 * 1024 * 1024 // len(row))
    content = with_sheet(
        question_set_xlsx(), lambda xml: xml.replace(b"</sheetData>", bomb + b"</sheetData>")
    )
    assert len(content) < 150_000
    assert "större än 20 MB uppackad" in refused("fragor.xlsx", content)


def test_import_refuses_a_part_packed_tighter_than_any_spreadsheet():
    padding = b" " * (15 * 1024 * 1024)  # under 20 MB, but packed about a thousand times
    content = with_sheet(
        question_set_xlsx(), lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding)
    )
    assert "packad betydligt hårdare" in refused("fragor.xlsx", content)


def test_import_refuses_a_sheet_with_more_cells_than_the_bounds_allow():
    # A quarter of a million empty cells with formatting on 2 000 rows: no value beyond the
    # 30 columns, within 20 MB and packed like an ordinary sheet, but far more than is read.
    starts = [b'<c r="' + get_column_letter(n).encode() for n in range(1, 251)]
    rows = []
    for r in range(8, 2_001):
        end = str(r).encode() + b'" s="0"/>'
        rows.append(b'<row r="%d">%s</row>' % (r, b"".join(start + end for start in starts)))
    rows = b"".join(rows)
    content = with_sheet(
        question_set_xlsx(), lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")
    )
    assert "högst 2 000 rader med 30 kolumner" in refused("fragor.xlsx", content)


def test_import_reads_a_question_set_of_2000_rows():
    lines = [f"Insatser,9.{n},Fråga {n},,text,nej," for n in range(1, 2_000 - 6)]
    question_set = import_question_set(
        "Stor", "SKR", "fragor.csv", (CSV + "\n".join(lines)).encode(), actor=None
    )
    assert Question.objects.filter(section__question_set=question_set).count() == 1_999


def test_import_refuses_a_csv_of_more_than_2000_rows():
    lines = [f"Insatser,9.{n},Fråga {n},,text,nej," for n in range(1, 2_000 - 5)]
    message = refused("fragor.csv", (CSV + "\n".join(lines)).encode())
    assert "mer än 2 000 rader" in message


def test_import_refuses_a_csv_wider_than_30_columns():
    wide = CSV.replace("text,ja,\nInsatser,1.2", "text,ja," + "," * 25 + "x\nInsatser,1.2")
    assert "mer än 30 kolumner" in refused("fragor.csv", wide.encode())


def test_import_refuses_a_csv_cell_too_large_to_read():
    huge = CSV.replace("Beskriv kort", '"' + "x" * 200_000 + '"')
    assert "kan inte läsas som .csv" in refused("fragor.csv", huge.encode())
