"""Files and comments on an initiative, in a real browser, each page checked by axe-core: the
county coordinator attaches a file (a page renamed .pdf is refused next to the field first),
finds it listed with who and when, downloads it, and writes a comment that mentions a
colleague, who is told by e-mail."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.attachments.models import Attachment
from pusselbit.core.models import OutgoingMail
from pusselbit.initiatives.models import Initiative

pytestmark = pytest.mark.browser

COORDINATOR = "dalarna-lanssamordnare"
COLLEAGUE = "dalarna-lokal-samordnare"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
NAME = "Idébeskrivning från Falun.pdf"


def _file(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


def test_attach_list_download_and_comment_with_a_mention(page, assert_accessible, sign_in, demo):
    initiative = Initiative.objects.filter(region__slug="dalarna").order_by("pk").first()
    coordinator = User.objects.get(username=COORDINATOR)
    colleague = User.objects.get(username=COLLEAGUE)
    sign_in(page, COORDINATOR)
    assert_accessible(page)
    page.goto(f"/regioner/dalarna/satsningar/{initiative.pk}/")
    assert_accessible(page)
    files = page.locator("main section#attachments")

    # A page renamed .pdf is refused, told next to the field on the upload page.
    files.locator("input[type=file]").set_input_files(_file("beslut.pdf", b"<html></html>"))
    files.get_by_role("button", name="Bifoga").click()
    page.wait_for_load_state("load")
    expect(page.locator(".field--error", has=page.locator("#id_file"))).to_contain_text("inte PDF")
    assert_accessible(page)
    assert not Attachment.objects.exists()

    # Chosen again (a browser never keeps a file), a real PDF is attached.
    page.locator("#id_file").set_input_files(_file(NAME, PDF))
    page.locator("#id_kind").select_option("idea_template")
    page.locator("main form").get_by_role("button", name="Bifoga").click()
    page.wait_for_url(re.compile(r"#attachments$"))
    row = files.locator("tbody tr", has_text=NAME)
    expect(row).to_contain_text(str(coordinator))
    expect(row).to_contain_text("Idébeskrivning")
    expect(row.locator("time")).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"))
    assert_accessible(page)

    with page.expect_download() as downloading:
        row.get_by_role("link", name=NAME, exact=True).click()
    download = downloading.value
    assert download.suggested_filename == NAME
    with open(download.path(), "rb") as kept:
        assert kept.read() == PDF

    comments = page.locator("main section#comments")
    comments.get_by_label("Kommentar", exact=True).fill(
        f"Idén är bifogad, @{COLLEAGUE}: läs gärna."
    )
    comments.get_by_role("button", name="Skicka kommentaren").click()
    page.wait_for_url(re.compile(r"#comments$"))
    expect(page.locator(".messages, [role=status]").first).to_contain_text(str(colleague))
    posted = comments.locator("ol.comments li").last
    expect(posted).to_contain_text("Idén är bifogad")
    expect(posted).to_contain_text(str(coordinator))
    assert_accessible(page)
    assert [colleague.email] in [mail.to for mail in OutgoingMail.objects.all()]


def test_minutes_on_a_meeting_and_the_files_of_a_report(page, assert_accessible, sign_in, demo):
    from pusselbit.initiatives.models import Meeting
    from pusselbit.reporting.models import Report

    meeting = Meeting.objects.filter(region__slug="dalarna").order_by("pk").first()
    report = Report.objects.filter(requirement__region__slug="dalarna", status="submitted")[0]
    sign_in(page, COORDINATOR)
    assert_accessible(page)
    page.goto(f"/regioner/dalarna/moten/{meeting.pk}/")
    assert_accessible(page)
    files = page.locator("main section#attachments")
    files.locator("input[type=file]").set_input_files(_file("Protokoll.pdf", PDF))
    expect(files.locator("select")).to_have_value("minutes")
    files.get_by_role("button", name="Bifoga").click()
    page.wait_for_url(re.compile(r"#attachments$"))
    expect(files.locator("tbody tr", has_text="Protokoll.pdf")).to_contain_text("Protokoll")
    assert_accessible(page)

    page.goto(f"/regioner/dalarna/redovisning/krav/{report.requirement_id}/{report.recipient_id}/")
    files.locator("input[type=file]").set_input_files(_file("Utvärdering.pdf", PDF))
    files.locator("select").select_option("evaluation_report")
    files.get_by_role("button", name="Bifoga").click()
    page.wait_for_url(re.compile(r"#attachments$"))
    expect(files.locator("tbody tr", has_text="Utvärdering.pdf")).to_contain_text(
        "Utvärderingsrapport"
    )
    assert_accessible(page)
