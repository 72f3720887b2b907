"""The public documents page on the demo: adopted assignment documents and published compiled
county reports, each file linked with its type and size and downloadable without signing in;
drafts and unpublished compilations are nowhere."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

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
