import io
import zipfile
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook

from pusselbit.documents.word import render_docx
from pusselbit.reporting.county_report import (
    NOT_SUBMITTED,
    answer_text,
    compiled_document,
    compiled_xlsx,
)
from pusselbit.reporting.domain import save_answers, start_report, submit_report
from pusselbit.reporting.models import Answer, Report, Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def requirement(demo_once, db):
    return Requirement.objects.get(region__slug="dalarna")


def test_compiled_xlsx_holds_every_recipients_answers(requirement):
    sheet = load_workbook(io.BytesIO(compiled_xlsx(requirement))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    questions = requirement.question_set.sections.all()
    question_count = sum(s.questions.count() for s in questions)
    assert len(rows) == requirement.recipients.count() * question_count
    submitted = Answer.objects.filter(report__status="submitted").select_related(
        "report__recipient", "question"
    )
    # The loop below checks answers of every submitted report, not of none.
    assert {answer.report.recipient.name for answer in submitted} == {"Borlänge", "Mora", "Avesta"}
    for answer in submitted:
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
    answers = Answer.objects.filter(report__status="submitted")
    recipients = requirement.recipients.all()
    assert answers.exists() and recipients.exists()  # the loops below have rows to check
    for answer in answers:
        assert answer_text(answer) in cells
    for recipient in recipients:
        assert recipient.name in cells
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Medel per inriktning och mottagare" in headings
    assert any(h.startswith("Jämställdhet") for h in headings)
    assert "1 150 872,72 kr" in {c.replace("\xa0", " ") for c in cells}  # Falun's allocation
    assert Report.objects.filter(status="submitted").count() == 3


HYPERLINK = '=HYPERLINK("http://evil.example/";"Klicka här")'


def test_compiled_xlsx_writes_an_answer_like_a_formula_as_text(requirement):
    """A recipient's answer is written as typed, never as a live formula."""
    falun = requirement.recipients.get(name="Falun")
    questions = [q for s in requirement.question_set.sections.all() for q in s.questions.all()]
    filled = {"number": "-12", "amount": "-1500,50", "yes_no": "yes"}
    answers = {
        q.code: q.choices[0] if q.choices else filled.get(q.answer_type, "Svar") for q in questions
    }
    code = next(q.code for q in questions if q.answer_type == "text")
    answers[code] = HYPERLINK
    report = start_report(requirement, falun, actor=None)
    save_answers(report, answers, actor=None)
    submit_report(report, actor=None, registration_number="@KS 2021/1")

    content = compiled_xlsx(requirement)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2))
    answer = next(r for r in rows if r[0].value == "Falun" and r[1].value == code)
    assert answer[4].value == HYPERLINK and answer[4].data_type == "s"
    assert answer[6].value == "@KS 2021/1" and answer[6].data_type == "s"
    amounts = [r[4] for r in rows if r[0].value == "Falun" and r[4].value in (-12, -1500.5)]
    assert amounts and {cell.data_type for cell in amounts} == {"n"}  # negative, still numbers
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
