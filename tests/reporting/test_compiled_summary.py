"""Issue 12, point 4: the compiled county report's PDF summarises the answers per question and
refers to the Excel file for every recipient's own answer (a PDF of 290 × 40 answer tables took
minutes); the PDF stays tagged, Swedish and titled. The Word file keeps every answer, its
tables built as XML rows, with the header row marked to repeat. Built on the Dalarna demo."""

import io
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from pusselbit.documents.pdf import render_pdf
from pusselbit.documents.word import render_docx
from pusselbit.reporting.county_report import (
    NOT_SUBMITTED,
    compile_reports,
    compiled_document,
    compiled_summary,
)
from pusselbit.reporting.domain.compilations import run_compilation
from pusselbit.reporting.enums import AnswerType
from pusselbit.reporting.models import Compilation, Requirement
from pusselbit.reporting.summary import REFERENCE, SUMMARY_HEADER, summarise
from tests.documents.test_documents import pdf_text, structure, words

pytestmark = pytest.mark.usefixtures("demo_once")


@pytest.fixture
def requirement(db):
    return Requirement.objects.select_related("region", "agreement", "question_set").get(
        region__slug="dalarna"
    )


def answer_tables(document):
    return [
        block
        for section in document.sections
        for block in section.blocks
        if getattr(block, "header", None) == SUMMARY_HEADER
    ]


def test_the_summary_has_a_row_per_question_in_a_table_per_section(requirement):
    compiled = compile_reports(requirement)
    summary = compiled_summary(requirement, compiled)

    tables = answer_tables(summary)
    sections = {q.section_id for q in compiled.questions}
    assert len(tables) == len(sections)
    rows = [row for table in tables for row in table.rows]
    assert sorted(row[0] for row in rows) == sorted(
        f"{q.code} {q.text}" for q in compiled.questions
    )
    submitted = len(compiled.reports)
    assert all(row[1].endswith(f"av {submitted}") for row in rows)
    # No table of a recipient's answers: those are in the Excel and Word files.
    assert not any(
        getattr(block, "header", None) == ["Mottagare", "Svar"]
        for section in summary.sections
        for block in section.blocks
    )
    assert REFERENCE in [block.text for block in summary.preamble]
    missing = [r.name for r in compiled.recipients if r.pk not in compiled.reports]
    assert missing  # the demo has recipients who have not submitted: they are named
    named = next(block for block in summary.preamble if block.lead == f"{NOT_SUBMITTED}:")
    assert all(name in named.text for name in missing)


def test_the_summary_keeps_the_narrative_the_money_and_the_gender_equality_section(requirement):
    full = compiled_document(requirement)
    summary = compiled_summary(requirement)

    assert [s.heading for s in summary.sections] == [s.heading for s in full.sections]
    money = [
        b
        for s in summary.sections
        for b in s.blocks
        if getattr(b, "caption", "").startswith("Medel ")
    ]
    assert money and money[0].landscape


class Answer:
    def __init__(self, number=None, yes=None, text=""):
        self.number, self.yes, self.text = number, yes, text


@pytest.mark.parametrize(
    ("kind", "answers", "said"),
    [
        (
            AnswerType.AMOUNT,
            [Answer(Decimal("1000.00")), Answer(Decimal("350000.50"))],
            "Summa 351 000,50 kr\nMedel 175 500,25 kr\nLägst 1 000,00 kr, högst 350 000,50 kr",
        ),
        (
            AnswerType.NUMBER,
            [Answer(Decimal(5)), Answer(Decimal(1240)), Answer(Decimal(0))],
            "Summa 1 245\nMedel 415\nLägst 0, högst 1 240",
        ),
        (
            AnswerType.YES_NO,
            [Answer(yes=True), Answer(yes=False), Answer(yes=True)],
            "Ja 2 (67\xa0%), nej 1 (33\xa0%)",
        ),
        (AnswerType.CHOICE, [Answer(text="B"), Answer(text="A"), Answer(text="B")], "B: 2\nA: 1"),
        (AnswerType.TEXT, [Answer(text="Svar")], "Fritextsvar: läs dem i Excel-filen."),
        (AnswerType.NUMBER, [], "Inga svar."),
    ],
)
def test_answers_are_summarised_the_swedish_way(kind, answers, said):
    assert summarise(kind, answers).replace("\xa0", " ") == said.replace("\xa0", " ")


def test_the_compilation_job_makes_a_tagged_swedish_summary_pdf(requirement):
    compilation = Compilation.objects.create(requirement=requirement)

    assert run_compilation(compilation.pk) == "done"

    with Compilation.objects.get(pk=compilation.pk).pdf.open("rb") as stored:
        content = stored.read()
    text = pdf_text(content)
    assert words(REFERENCE) in text and "Svar per fråga" in text
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert reader.metadata.title.startswith("Sammanställd")
    types = structure(reader)
    assert {"H1", "H2", "Table", "THead", "TH", "TD", "Caption"} <= set(types)
    questions = len(compile_reports(requirement).questions)
    # A header row per table, and a row header per question.
    assert types.count("TH") >= questions


def test_the_summary_pdf_renders_directly_too(requirement):
    content = render_pdf(compiled_summary(requirement), "documents/assignment.html")
    assert "Besvarad av" in pdf_text(content)


def test_the_word_files_answer_tables_mark_only_the_header_row_to_repeat(requirement):
    document = compiled_document(requirement)
    word = docx.Document(io.BytesIO(render_docx(document)))
    tables = [b for s in document.sections for b in s.blocks if hasattr(b, "header")]

    assert len(word.tables) == len(tables)
    for table, block in zip(word.tables, tables, strict=True):
        rows = table._tbl.tr_lst
        assert len(rows) == 1 + len(block.rows) + (1 if block.total else 0)
        marked = [
            tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows
        ]
        assert marked == [True] + [False] * (len(rows) - 1)
        assert [c.text for c in table.rows[0].cells] == block.header
        body = table.rows[1 : 1 + len(block.rows)]
        assert [[c.text for c in r.cells] for r in body] == block.rows
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == block.caption
