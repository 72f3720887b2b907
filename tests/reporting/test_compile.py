import io
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook

from pusselbit.demo.builders import build_demo
from pusselbit.documents.word import render_docx
from pusselbit.reporting.compile import NOT_SUBMITTED, compiled_document, compiled_xlsx
from pusselbit.reporting.models import Answer, Report, Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def requirement():
    build_demo()
    return Requirement.objects.get(region__slug="dalarna")


def test_compiled_xlsx_holds_every_recipients_answers(requirement):
    sheet = load_workbook(io.BytesIO(compiled_xlsx(requirement))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    questions = requirement.question_set.sections.all()
    question_count = sum(s.questions.count() for s in questions)
    assert len(rows) == requirement.recipients.count() * question_count
    for answer in Answer.objects.filter(report__status="submitted").select_related(
        "report__recipient", "question"
    ):
        row = next(
            r for r in rows if r[0] == answer.report.recipient.name and r[1] == answer.question.code
        )
        if answer.number is not None:
            assert Decimal(str(row[4])) == answer.number  # a real number cell
        else:
            assert row[4] == answer.display
        assert row[6] == answer.report.registration_number
    falun = [r for r in rows if r[0] == "Falun"]
    assert {r[5] for r in falun} == {NOT_SUBMITTED}


def test_compiled_docx_holds_every_recipients_answers_and_the_money(requirement):
    document = docx.Document(io.BytesIO(render_docx(compiled_document(requirement))))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    for answer in Answer.objects.filter(report__status="submitted"):
        assert answer.display in cells
    for recipient in requirement.recipients.all():
        assert recipient.name in cells
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Medel per inriktning och mottagare" in headings
    assert any(h.startswith("Jämställdhet") for h in headings)
    assert "1 150 872,72 kr" in {c.replace("\xa0", " ") for c in cells}  # Falun's allocation
    assert Report.objects.filter(status="submitted").count() == 3
