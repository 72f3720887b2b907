"""Issue 11, point 5 (content): the compiled county report can be sent as it is. Every amount is
printed the Swedish way, the gender-equality heading is said once, the report opens with the
development lead's own text (written on a page, stored, audited), and the .xlsx keeps numbers as
numbers with a Swedish number format. Built on the Dalarna demo."""

import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.documents.word import render_docx
from pusselbit.reporting.county_report import NARRATIVE, compiled_document, compiled_xlsx
from pusselbit.reporting.domain.requirements import narrative_version, write_narrative
from pusselbit.reporting.models import Requirement

pytestmark = pytest.mark.usefixtures("demo_once")

# A number printed the program's way: "412.00", "812400.00", "350000".
PROGRAM_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
NARRATIVE_TEXT = (
    "Under 2020 har länets kommuner och regionen arbetat med suicidprevention.\n\n"
    "- En gemensam samordnare\n- Mobila team"
)


@pytest.fixture
def requirement(db):
    return Requirement.objects.select_related("region", "agreement", "question_set").get(
        region__slug="dalarna"
    )


@pytest.fixture
def coordinator(db):
    return User.objects.get(username="dalarna-lanssamordnare")


def docx_of(requirement):
    return docx.Document(io.BytesIO(render_docx(compiled_document(requirement))))


def cells_of(document) -> list[str]:
    return [
        cell.text.replace("\xa0", " ")
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_amount_of_the_compiled_report_is_swedish(requirement, language):
    """Before: the answers' amounts and numbers came out as "350000.00" and "240"-style
    program numbers (and the issue saw "412.00", "812400.00")."""
    with translation.override(language):
        cells = cells_of(docx_of(requirement))
    assert [c for c in cells if PROGRAM_NUMBER.match(c.strip()) and "." in c] == []
    assert "350 000,00 kr" in cells  # the demo's answer 2.1 of Borlänge, Mora and Avesta
    assert "1 150 872,72 kr" in cells  # Falun's allocation in the money table
    assert "Att återbetala" in cells and "Oförbrukat" in cells


def test_the_document_is_swedish_whatever_language_asked(requirement):
    with translation.override("en"):
        document = compiled_document(requirement)
    assert document.name.startswith("Slutredovisning")


def test_the_gender_equality_heading_is_said_once(requirement):
    """Before: "Jämställdhet: Jämställdhet"."""
    headings = [
        p.text for p in docx_of(requirement).paragraphs if p.style.name.startswith("Heading")
    ]
    assert "Jämställdhet" in headings
    assert not any("Jämställdhet: Jämställdhet" in h for h in headings)


def test_the_development_lead_writes_the_report_text_on_a_page_and_the_report_opens_with_it(
    client, requirement, coordinator
):
    """Before: there was nowhere to write the county's own report; the document began with the
    first question's answers. (The demo writes Dalarna's text; this rewrites it.)"""
    client.force_login(coordinator)
    url = reverse("reporting:narrative", args=["dalarna", requirement.pk])
    page = client.get(url).content.decode()
    assert 'name="narrative"' in page
    entries = AuditEntry.objects.filter(action="reporting.narrative_written")
    before = entries.count()
    response = client.post(
        url, {"narrative": NARRATIVE_TEXT, "edit_version": narrative_version(requirement)}
    )
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.narrative == NARRATIVE_TEXT
    assert entries.count() == before + 1

    document = compiled_document(requirement)
    assert document.sections[0].heading == NARRATIVE
    texts = [p.text for p in docx_of(requirement).paragraphs]
    assert "En gemensam samordnare" in texts and "Mobila team" in texts
    # The text comes first: before the first section of answers.
    first_answers = requirement.question_set.sections.order_by("order").first().title
    opening = NARRATIVE_TEXT.split("\n")[0]
    assert texts.index(NARRATIVE) < texts.index(opening) < texts.index(first_answers)


def test_a_stale_save_of_the_report_text_is_refused(requirement, coordinator):
    seen = narrative_version(requirement)
    write_narrative(coordinator, requirement, "Först.", expected_version=seen)
    with pytest.raises(Exception, match="Någon annan|Someone else"):
        write_narrative(coordinator, requirement, "Sedan.", expected_version=seen)
    requirement.refresh_from_db()
    assert requirement.narrative == "Först."


def test_only_the_coordinator_writes_the_report_text(client, requirement):
    local = User.objects.filter(memberships__region__slug="dalarna").exclude(
        memberships__role="county_coordinator"
    )
    other = local.exclude(is_superuser=True).first()
    client.force_login(other)
    url = reverse("reporting:narrative", args=["dalarna", requirement.pk])
    assert client.get(url).status_code == 403


def test_the_xlsx_keeps_numbers_as_numbers_with_a_swedish_format(requirement):
    """Before: number cells had Excel's general format ("350000")."""
    workbook = load_workbook(io.BytesIO(compiled_xlsx(requirement)))
    answers = workbook["Svar"]
    amounts = [
        row[4]
        for row in answers.iter_rows(min_row=2)
        if row[1].value == "2.1" and row[4].value is not None
    ]
    assert amounts and all(c.data_type == "n" for c in amounts)
    assert all(c.number_format == '#,##0.00\\ "kr"' for c in amounts)
    money = workbook["Medel"]
    falun = next(r for r in money.iter_rows(min_row=2) if r[1].value == "Falun")
    assert float(falun[2].value) == pytest.approx(1150872.72)
    assert falun[2].number_format == '#,##0.00\\ "kr"'
    assert [c.value for c in next(money.iter_rows(max_row=1))][-2:] == [
        "Oförbrukat",
        "Att återbetala",
    ]
