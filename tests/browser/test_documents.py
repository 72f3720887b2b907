"""The assignment document downloaded in a real browser: Västra Götaland's county coordinator
opens the samsjuklighet assignment (VG 2020 seed, from the demo) and downloads it as PDF and as
Word through the page's links; both files say what the seed says. Every visited page is checked
by axe-core (WCAG 2.1 A and AA)."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from pusselbit.assignments.models import Assignment
from pusselbit.core.formatting import format_whole_kronor

pytestmark = pytest.mark.browser

COORDINATOR = "vastra-gotaland-lanssamordnare"
TITLE = "Koordinatörer för samverkan kring personer med samsjuklighet"
FILENAME = "uppdragshandling-koordinatorer-for-samverkan-kring-personer-med-samsjuklighet"


def t(message: str) -> str:
    """`message` in Swedish, from the same catalogue the server uses."""
    with translation.override("sv"):
        return str(translation.gettext(message))


def words(text: str) -> str:
    return " ".join(text.split())


def download(page, link_name: str, tmp_path):
    with page.expect_download() as info:
        page.locator("main").get_by_role("link", name=link_name).click()
    download = info.value
    assert download.failure() is None
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path.read_bytes()


def test_coordinator_downloads_the_assignment_as_pdf_and_word(
    page, demo, sign_in, assert_accessible, tmp_path
):
    assignment = Assignment.objects.get(region__slug="vastra-gotaland", title=TITLE)
    funds = [
        words(format_whole_kronor(share.amount, language="sv"))
        for share in assignment.allocation.shares.all()
    ]
    milestones = [words(f"{m.when}: {m.text}") for m in assignment.milestones.all()]
    sign_in(page, COORDINATOR)
    assert_accessible(page)

    page.goto(reverse("assignments:detail", args=["vastra-gotaland", assignment.pk]))
    assert_accessible(page)

    name, content = download(page, t("Download as PDF"), tmp_path)
    assert name == f"{FILENAME}.pdf"
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == f"Uppdragshandling – {TITLE}"
    text = words(" ".join(p.extract_text() for p in reader.pages))
    assert f"Uppdragshandling {TITLE}" in text
    for expected in ["Bakgrund", "Medel", "Tidplan", "Summa 2 000 000 kr", *funds, *milestones]:
        assert expected in text

    name, content = download(page, t("Download as Word (.docx)"), tmp_path)
    assert name == f"{FILENAME}.docx"
    document = docx.Document(io.BytesIO(content))
    text = words(
        " ".join(
            [p.text for p in document.paragraphs]
            + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        )
    )
    assert document.core_properties.title == f"Uppdragshandling – {TITLE}"
    for expected in ["Bakgrund", "Medel", "Tidplan", "Summa 2 000 000 kr", *funds, *milestones]:
        assert expected in text
