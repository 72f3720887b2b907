"""LSVO's meeting in a real browser: an LSVO member opens the demo's LSVO meeting in Blekinge,
downloads every proposal on its agenda in one PDF through the page's link, and goes from the
agenda to the recommendation form, where the proposal is linked too. Every visited page is
checked by axe-core (WCAG 2.1 A and AA)."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from pusselbit.initiatives.models import Initiative, Meeting

pytestmark = pytest.mark.browser

TITLE = "Mobilt team för personer med samsjuklighet"


def t(message: str) -> str:
    """`message` in Swedish, from the same catalogue the server uses."""
    with translation.override("sv"):
        return str(translation.gettext(message))


def test_lsvo_member_downloads_the_agenda_with_its_proposals_and_recommends(
    page, demo, sign_in, assert_accessible, tmp_path
):
    meeting = Meeting.objects.get(region__slug="blekinge", kind="lsvo")
    waiting = Initiative.objects.get(region__slug="blekinge", title=TITLE)
    sign_in(page, "blekinge-lsvo")
    assert_accessible(page)

    page.goto(reverse("initiatives:meeting_detail", args=["blekinge", meeting.pk]))
    assert_accessible(page)
    agenda = page.locator("#agenda")
    with page.expect_download() as info:
        # The bundle's link is the one named "PDF" alone; each item's names its initiative.
        agenda.get_by_role("link", name="PDF", exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "underlag-till-lsvo-lsvo-november.pdf"
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert text.index("Föredragningslista LSVO, november") < text.index(
        f"Underlag till LSVO {TITLE}"
    )

    recommend = waiting.stage.outgoing.get(outcome="recommend")
    with translation.override("sv"):
        step = recommend.display_name  # "Rekommendera": the step as the page names it
    # The link names its initiative too, in text only a screen reader reads.
    agenda.get_by_role("link", name=re.compile(rf"^{step}\W.*{TITLE}$")).click()
    page.wait_for_url(f"**/satsningar/{waiting.pk}/rekommendation/{recommend.pk}/")
    assert_accessible(page)
    link = page.locator("main").get_by_role("link", name="Word", exact=True)
    assert link.get_attribute("href") == reverse(
        "initiatives:proposal_docx", args=["blekinge", waiting.pk]
    )
    assert t("Record the recommendation") in page.locator("main").inner_text()
