"""The attachments on the pages: attaching through the form, the list with who and when,
downloading as whoever may see the case, and a 404 for every other region."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.attachments.domain import remove_attachment, upload_attachment
from pusselbit.attachments.models import Attachment
from pusselbit.initiatives.models import Meeting
from tests.attachments import samples
from tests.factories import ReportFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db


def upload_url(record, key, region="blekinge"):
    return reverse("attachments:upload", args=[region, key, record.pk])


def download_url(attachment, region="blekinge"):
    return reverse("attachments:download", args=[region, attachment.pk])


def detail(initiative):
    return reverse("initiatives:detail", args=["blekinge", initiative.pk])


def files_section(html: str) -> str:
    """The attachments section of a page (the history names files too)."""
    start = html.index('<section id="attachments"')
    return html[start : html.index("</section>", start)]


def attach(record, actor, name="protokoll.pdf", content=samples.PDF, kind="other"):
    return upload_attachment(record, samples.upload(name, content), kind=kind, actor=actor)


def test_owner_attaches_through_the_form_and_sees_it_listed(client, initiative, owner):
    client.force_login(owner)
    page = client.get(detail(initiative)).content.decode()
    assert 'enctype="multipart/form-data"' in page and upload_url(initiative, "satsning") in page
    response = client.post(
        upload_url(initiative, "satsning"),
        {"file": samples.upload("Idé från Karlskrona.pdf", samples.PDF), "kind": "idea_template"},
    )
    assert response.status_code == 302 and response.url == detail(initiative) + "#attachments"
    attachment = Attachment.objects.get()
    assert attachment.kind == "idea_template" and attachment.uploaded_by == owner
    page = client.get(response.url).content.decode()
    assert "Idé från Karlskrona.pdf" in page and "Olle Ägare" in page
    when = timezone.localtime(attachment.uploaded_at).strftime("%Y-%m-%d %H:%M")
    assert when in page and download_url(attachment) in page


def test_a_refused_file_is_told_next_to_the_field(client, initiative, owner):
    client.force_login(owner)
    with nothing_written():
        response = client.post(
            upload_url(initiative, "satsning"),
            {"file": samples.upload("beslut.pdf", samples.HTML), "kind": "other"},
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_file"' in html and "inte PDF" in html


def test_the_upload_form_is_offered_only_to_those_who_may_attach(client, initiative, bob):
    client.force_login(bob)
    page = client.get(detail(initiative)).content.decode()
    assert 'id="attachments"' in page and upload_url(initiative, "satsning") not in page
    with nothing_written():
        response = client.post(
            upload_url(initiative, "satsning"),
            {"file": samples.upload("x.pdf", samples.PDF), "kind": "other"},
        )
    assert response.status_code == 403


def test_download_sends_the_file_as_an_attachment(client, initiative, owner, bob):
    attachment = attach(initiative, owner, "Protokoll å.pdf")
    client.force_login(bob)  # a colleague of the region, who sees the initiative
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Protokoll%20%C3%A5.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_file_gone_from_the_storage_is_a_404_not_an_error(client, initiative, owner, bob):
    # A restore without its files, an operator's clean-up of the bucket: the row outlived it.
    attachment = attach(initiative, owner)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(bob)
    assert client.get(download_url(attachment)).status_code == 404


def test_another_regions_attachment_is_a_404(client, initiative, owner, charlie):
    attachment = attach(initiative, owner)
    client.force_login(charlie)
    assert client.get(download_url(attachment)).status_code == 404
    assert client.get(download_url(attachment, "dalarna")).status_code == 404
    assert client.get(upload_url(initiative, "satsning", "dalarna")).status_code == 404
    remove = reverse("attachments:remove", args=["dalarna", attachment.pk])
    with nothing_written():
        assert client.post(remove).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, initiative, owner):
    attachment = attach(initiative, owner)
    response = client.get(download_url(attachment))
    assert response.status_code == 302 and "logga-in" in response.url


def test_a_removed_file_is_not_downloadable_and_listed_only_to_managers(
    client, initiative, owner, alice, bob
):
    attachment = attach(initiative, owner, "gammal.pdf")
    client.force_login(owner)
    remove = reverse("attachments:remove", args=["blekinge", attachment.pk])
    assert "gammal.pdf" in client.get(remove).content.decode()
    response = client.post(remove)
    assert response.url == detail(initiative) + "#attachments"
    attachment.refresh_from_db()
    assert attachment.removed_by == owner
    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(alice)  # the county coordinator looks after the files
    listed = files_section(client.get(detail(initiative)).content.decode())
    assert "<del>gammal.pdf</del>" in listed and "Borttagen av Olle Ägare" in listed
    client.force_login(bob)
    listed = files_section(client.get(detail(initiative)).content.decode())
    assert "gammal.pdf" not in listed and "Ingen fil är bifogad." in listed


def test_a_colleague_may_not_remove_what_others_attached(client, initiative, owner, bob):
    attachment = attach(initiative, owner)
    client.force_login(bob)
    remove = reverse("attachments:remove", args=["blekinge", attachment.pk])
    with nothing_written():
        assert client.post(remove).status_code == 403


def test_minutes_are_attached_to_a_meeting_by_its_coordinator(client, blekinge, alice, bob):
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = Meeting.objects.create(
        region=blekinge,
        kind="coordination_group",
        title="Samordningsgruppen",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    page_url = reverse("initiatives:meeting_detail", args=["blekinge", meeting.pk])
    client.force_login(alice)
    assert upload_url(meeting, "mote") in client.get(page_url).content.decode()
    response = client.post(
        upload_url(meeting, "mote"),
        {"file": samples.upload("Protokoll.docx", samples.docx()), "kind": "minutes"},
    )
    assert response.url == page_url + "#attachments"
    client.force_login(bob)
    page = client.get(page_url).content.decode()
    assert "Protokoll.docx" in page and upload_url(meeting, "mote") not in page
    attachment = Attachment.objects.get()
    assert attachment.target == meeting and attachment.get_kind_display() == "Minnesanteckningar"
    assert client.get(download_url(attachment)).status_code == 200


def test_an_evaluation_report_is_attached_to_a_submitted_report(client, karlskrona, owner, bob):
    report = ReportFactory(recipient=karlskrona, status="submitted")
    page_url = reverse(
        "reporting:report", args=["blekinge", report.requirement_id, report.recipient_id]
    )
    client.force_login(owner)  # reports for Karlskrona
    assert upload_url(report, "rapport") in client.get(page_url).content.decode()
    response = client.post(
        upload_url(report, "rapport"),
        {"file": samples.upload("Utvärdering.pdf", samples.PDF), "kind": "evaluation_report"},
    )
    assert response.url == page_url + "#attachments"
    client.force_login(bob)  # the region's, who reads the reports but reports for no one here
    page = client.get(page_url).content.decode()
    assert "Utvärdering.pdf" in page and upload_url(report, "rapport") not in page


def test_the_list_costs_the_same_queries_for_one_file_and_many(client, initiative, owner):
    attach(initiative, owner)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as one:
        client.get(detail(initiative))
    for number in range(10):
        attach(initiative, owner, f"fil {number}.pdf")
    remove_attachment(Attachment.objects.last(), actor=owner)
    with CaptureQueriesContext(connection) as many:
        client.get(detail(initiative))
    assert len(many) == len(one)


def test_the_upload_form_sent_twice_attaches_once(client, initiative, owner):
    client.force_login(owner)
    page = client.get(detail(initiative)).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)
    sendings = [
        client.post(
            upload_url(initiative, "satsning"),
            {
                "file": samples.upload("Två gånger.pdf", samples.PDF),
                "kind": "other",
                "submission": key,
            },
        )
        for _ in range(2)
    ]
    assert [s.status_code for s in sendings] == [302, 302]
    assert sendings[1]["Location"] == sendings[0]["Location"]
    assert Attachment.objects.count() == 1
    page = client.get(sendings[1]["Location"]).content.decode()
    assert "Formuläret var redan skickat: ”Två gånger.pdf” är sparat en gång" in page
