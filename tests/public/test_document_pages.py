"""The public documents page on the demo: adopted assignment documents and published compiled
county reports, each file linked with its type and size and downloadable without signing in;
drafts and unpublished compilations are nowhere."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.accounts.models import User
from pusselbit.assignments.domain import create_assignment
from pusselbit.assignments.models import Assignment
from pusselbit.core.formatting import format_file_size
from pusselbit.public.models import DocumentFile
from pusselbit.reporting.domain.compilations import publish_compilation, request_compilation
from pusselbit.reporting.models import Compilation, Requirement

pytestmark = pytest.mark.django_db
VG = "vastra-gotaland"


@pytest.fixture
def anonymous():
    return Client()


def _page(client, slug):
    response = client.get(reverse("public:documents", args=[slug]))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    return response.content.decode()


def _read(stored) -> bytes:
    with stored.open("rb") as file:
        return file.read()


def _compiled(published=True):
    requirement = Requirement.objects.get(region__slug="dalarna")
    compilation = request_compilation(requirement, actor=None)
    assert Compilation.objects.get(pk=compilation.pk).status == "done"
    if published:
        coordinator = User.objects.get(username="dalarna-lanssamordnare")
        publish_compilation(compilation, actor=coordinator)
    return compilation


def test_adopted_assignment_documents_are_listed_with_their_files_type_and_size(
    demo_once, anonymous
):
    text = _page(anonymous, VG)
    adopted = Assignment.objects.filter(region__slug=VG, status="adopted")
    assert adopted.count() == 2
    for assignment in adopted:
        assert assignment.title in text
        for extension, kind in (("pdf", "PDF"), ("docx", "Word (.docx)")):
            url = reverse("public:assignment_file", args=[VG, assignment.pk, extension])
            size = DocumentFile.objects.get(assignment=assignment, format=extension).size
            link = re.search(rf'<a href="{re.escape(url)}">([^<]*)<span', text)
            assert link, url
            assert link.group(1) == f"{kind}, {format_file_size(size)}"


def test_a_draft_assignment_is_neither_listed_nor_downloadable(demo_once, anonymous):
    coordinator = User.objects.get(username=f"{VG}-lanssamordnare")
    draft = create_assignment(
        coordinator.memberships.first().region,
        actor=coordinator,
        title="Ett utkast som ingen ska se",
        place="Borås",
        dated=datetime.date(2026, 11, 30),
    )
    assert draft.title not in _page(anonymous, VG)
    url = reverse("public:assignment_file", args=[VG, draft.pk, "pdf"])
    assert anonymous.get(url).status_code == 404


def test_an_adopted_documents_file_is_the_one_listed_for_everyone(demo_once, anonymous):
    assignment = Assignment.objects.filter(region__slug=VG, status="adopted").first()
    url = reverse("public:assignment_file", args=[VG, assignment.pk, "pdf"])
    response = anonymous.get(url)
    assert response.status_code == 200
    content = response.getvalue()
    assert content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "public" in response["Cache-Control"]
    stored = DocumentFile.objects.get(assignment=assignment, format="pdf")
    assert len(content) == stored.size and _read(stored.file) == content
    # Made once: asked again, the same bytes.
    assert anonymous.get(url).getvalue() == content
    word = anonymous.get(reverse("public:assignment_file", args=[VG, assignment.pk, "docx"]))
    assert word.status_code == 200 and word.getvalue().startswith(b"PK")
    assert anonymous.get(url.replace(".pdf", ".exe")).status_code == 404


def test_another_regions_document_is_404_under_this_region(demo_once, anonymous):
    assignment = Assignment.objects.filter(region__slug=VG, status="adopted").first()
    url = reverse("public:assignment_file", args=["dalarna", assignment.pk, "pdf"])
    assert anonymous.get(url).status_code == 404


def test_a_compiled_report_is_public_only_once_published(demo_once, anonymous):
    compilation = _compiled(published=False)
    url = reverse("public:report_file", args=["dalarna", compilation.pk, "xlsx"])
    assert url not in _page(anonymous, "dalarna")
    assert anonymous.get(url).status_code == 404
    publish_compilation(compilation, actor=User.objects.get(username="dalarna-lanssamordnare"))
    text = _page(anonymous, "dalarna")
    row = Compilation.objects.get(pk=compilation.pk)
    for extension, kind in (("pdf", "PDF"), ("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)")):
        stored = getattr(row, extension)
        if not stored:
            continue
        content = _read(stored)
        assert len(content) == getattr(row, f"{extension}_size")
        file_url = reverse("public:report_file", args=["dalarna", compilation.pk, extension])
        assert f'<a href="{file_url}">{kind}, {format_file_size(len(content))}<span' in text
        response = anonymous.get(file_url)
        assert response.status_code == 200 and response.getvalue() == content
        assert "public" in response["Cache-Control"]
    assert "ÖK 2020" in text


def test_a_published_report_is_404_under_another_region(demo_once, anonymous):
    compilation = _compiled()
    url = reverse("public:report_file", args=["blekinge", compilation.pk, "xlsx"])
    assert anonymous.get(url).status_code == 404
    assert reverse("public:report_file", args=["dalarna", compilation.pk, "xlsx"]) not in (
        _page(anonymous, "blekinge")
    )


def test_the_documents_pages_show_no_person(demo_once, anonymous):
    _compiled()
    secrets = {
        text
        for user in User.objects.all()
        for text in (user.get_full_name(), user.email, user.username)
        if text and len(text) > 3
    }
    for slug in ("dalarna", VG):
        page = _page(anonymous, slug)
        leaked = [secret for secret in secrets if secret in page]
        assert not leaked, (slug, leaked)


def test_the_published_report_files_name_no_user(demo_once, anonymous):
    """The compiled report holds the recipients' answers and registrations, not who wrote or
    submitted them (the free-text answers are the region's to check before publishing)."""
    compilation = _compiled()
    people = {
        text
        for user in User.objects.all()
        for text in (user.get_full_name(), user.email)
        if text and len(text) > 3
    }
    import io

    import docx
    from openpyxl import load_workbook

    row = Compilation.objects.get(pk=compilation.pk)
    cells = {
        str(cell)
        for sheet in load_workbook(io.BytesIO(_read(row.xlsx))).worksheets
        for line in sheet.iter_rows(values_only=True)
        for cell in line
        if cell is not None
    }
    word = docx.Document(io.BytesIO(_read(row.docx)))
    texts = {p.text for p in word.paragraphs} | {
        cell.text for table in word.tables for line in table.rows for cell in line.cells
    }
    everything = "\n".join(cells | texts)
    assert not [person for person in people if person in everything]


def test_an_adopted_documents_files_are_kept_in_the_storage_under_the_region(demo_once, anonymous):
    _page(anonymous, VG)  # makes the files
    assignment = Assignment.objects.filter(region__slug=VG, status="adopted").first()
    for stored in DocumentFile.objects.filter(assignment=assignment):
        name = stored.file.name
        assert name.startswith(f"documents/{VG}/{assignment.pk}/uppdragshandling")
        assert name.endswith(f".{stored.format}")
        assert storages["attachments"].size(name) == stored.size


def _stored_under(folder: str) -> set[str]:
    try:
        return {f"{folder}/{name}" for name in storages["attachments"].listdir(folder)[1]}
    except FileNotFoundError:
        return set()


def test_a_file_made_meanwhile_by_another_request_is_kept_and_ours_deleted(demo_once, monkeypatch):
    from pusselbit.public import documents

    assignment = Assignment.objects.filter(region__slug=VG, status="adopted").first()
    DocumentFile.objects.filter(assignment=assignment).delete()
    folder = f"documents/{VG}/{assignment.pk}"
    before = _stored_under(folder)
    render, theirs = documents._render, []

    def render_while_another_request_keeps_one(document, extension):
        # Another request, which looked at the same moment, keeps its Word file first.
        if extension == "docx" and not theirs:
            row = DocumentFile(assignment=assignment, format="docx", size=5, filename="x")
            row.file.save("uppdragshandling.docx", ContentFile(b"first"))
            theirs.append(row)
        return render(document, extension)

    monkeypatch.setattr(documents, "_render", render_while_another_request_keeps_one)
    documents._make_missing_files([assignment.pk])

    word = DocumentFile.objects.get(assignment=assignment, format="docx")
    assert word.pk == theirs[0].pk and _read(word.file) == b"first"
    kept = {row.file.name for row in DocumentFile.objects.filter(assignment=assignment)}
    assert _stored_under(folder) - before == kept  # the second Word file is not left behind


def test_a_published_file_gone_from_the_storage_is_a_404(demo_once, anonymous):
    compilation = _compiled()
    row = Compilation.objects.get(pk=compilation.pk)
    storages["attachments"].delete(row.docx.name)
    url = reverse("public:report_file", args=["dalarna", compilation.pk, "docx"])
    assert anonymous.get(url).status_code == 404
    xlsx = anonymous.get(reverse("public:report_file", args=["dalarna", compilation.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.getvalue().startswith(b"PK")

    assignment = Assignment.objects.filter(region__slug=VG, status="adopted").first()
    document = reverse("public:assignment_file", args=[VG, assignment.pk, "docx"])
    assert anonymous.get(document).status_code == 200
    stored = DocumentFile.objects.get(assignment=assignment, format="docx")
    storages["attachments"].delete(stored.file.name)
    assert anonymous.get(document).status_code == 404


def test_the_reports_are_listed_with_their_sizes_in_as_many_queries_for_one_as_for_many(
    demo_once, anonymous
):
    requirement = Requirement.objects.get(region__slug="dalarna")

    def published(number):
        # Named files the storage does not hold: the list reads the sizes from the rows alone.
        return Compilation.objects.create(
            requirement=requirement,
            status="done",
            published_at=timezone.now(),
            xlsx=f"reports/dalarna/{number}/finns-inte.xlsx",
            xlsx_size=20_000 + number,
        )

    published(0)
    _page(anonymous, "dalarna")  # the assignment documents' files made, if any
    with CaptureQueriesContext(connection) as one:
        _page(anonymous, "dalarna")
    made = [published(number) for number in range(1, 30)]
    with CaptureQueriesContext(connection) as many:
        text = _page(anonymous, "dalarna")
    assert len(many) == len(one)
    url = reverse("public:report_file", args=["dalarna", made[-1].pk, "xlsx"])
    assert f'<a href="{url}">Excel (.xlsx), {format_file_size(20_029)}<span' in text
    assert anonymous.get(url).status_code == 404  # listed, but not in the storage
