"""The compiled county report as a job: asked for on the overview, run by a task (at once in
these tests, as without a worker; through the database queue and `db_worker` in one), its
progress on a page and as JSON, its files kept in the storage and downloaded."""

import io
import json

import docx
import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from pusselbit.accounts.models import User
from pusselbit.demo.builders import build_demo
from pusselbit.reporting.domain.compilations import (
    _prune,
    publish_compilation,
    request_compilation,
    run_compilation,
)
from pusselbit.reporting.models import Compilation, Report, Requirement
from tests.downloads import xlsx_download
from tests.factories import OrganisationFactory, RequirementFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

BASE = "/regioner/dalarna/redovisning/"


@pytest.fixture
def requirement(demo_once):
    return Requirement.objects.get(region__slug="dalarna")


@pytest.fixture
def coordinator(client, requirement):
    return _signed_in_coordinator(client)


def _signed_in_coordinator(client):
    client.force_login(User.objects.get(username="dalarna-lanssamordnare"))
    return client


def _compile(client, requirement):
    response = client.post(f"{BASE}sammanstallning/{requirement.pk}/")
    assert response.status_code == 302
    return response, Compilation.objects.get(requirement=requirement)


def test_the_coordinator_compiles_and_downloads_every_format(coordinator, requirement):
    html = coordinator.get(BASE).content.decode()
    assert f'action="{BASE}sammanstallning/{requirement.pk}/"' in html
    response, compilation = _compile(coordinator, requirement)
    page_url = f"{BASE}sammanstallning/korning/{compilation.pk}/"
    assert response["Location"] == page_url
    assert compilation.status == "done" and compilation.step == Compilation.STEPS
    page = coordinator.get(page_url).content.decode()
    assert "Den sammanställda redovisningen är klar" in page
    submitted = Report.objects.filter(requirement=requirement, status="submitted")
    names = {report.recipient.name for report in submitted}
    # Borlänge, Mora and Avesta: the checks `names <= …` below hold for no names at all.
    assert len(names) == 3

    xlsx = coordinator.get(f"{page_url}sammanstallning.xlsx")
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(xlsx.getvalue())).active.iter_rows(values_only=True))
    assert names <= {row[0] for row in rows if row[5].startswith("Inlämnad")}
    assert len(rows) - 1 == requirement.recipients.count() * len(
        [q for s in requirement.question_set.sections.all() for q in s.questions.all()]
    )

    word = docx.Document(io.BytesIO(coordinator.get(f"{page_url}sammanstallning.docx").getvalue()))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert names <= cells

    pdf = coordinator.get(f"{page_url}sammanstallning.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.getvalue().startswith(b"%PDF")
    assert coordinator.get(f"{page_url}sammanstallning.exe").status_code == 404

    overview = coordinator.get(BASE).content.decode()
    assert f'href="{page_url}"' in overview  # the latest compilation, linked


# The worker closes "old" connections between tasks, which on PostgreSQL would end a test's
# wrapping transaction: this test commits for real.
# It builds the demo itself: the shared one is rolled back, never committed.
@pytest.mark.django_db(transaction=True)
def test_progress_is_shown_while_the_worker_has_not_finished(client, settings):
    build_demo()
    requirement = Requirement.objects.get(region__slug="dalarna")
    coordinator = _signed_in_coordinator(client)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _, compilation = _compile(coordinator, requirement)
    page_url = f"{BASE}sammanstallning/korning/{compilation.pk}/"
    page = coordinator.get(page_url).content.decode()
    assert "<progress" in page and 'value="0"' in page
    assert "Uppdatera sidan" in page  # for a browser without script
    state = json.loads(coordinator.get(f"{page_url}status.json").content)
    assert state == {
        "status": "queued",
        "step": 0,
        "steps": 4,
        "line": "Väntar på att arbetet med sammanställningen ska starta.",
        "finished": False,
    }
    assert coordinator.get(f"{page_url}sammanstallning.xlsx").status_code == 404

    # Asking again while it waits gives the same compilation, not a second one.
    again = coordinator.post(f"{BASE}sammanstallning/{requirement.pk}/")
    assert again["Location"] == page_url and Compilation.objects.count() == 1

    Compilation.objects.filter(pk=compilation.pk).update(status="running", step=1)
    state = json.loads(coordinator.get(f"{page_url}status.json").content)
    assert state["line"] == "Steg 2 av 4: Gör Excel-filen." and not state["finished"]
    Compilation.objects.filter(pk=compilation.pk).update(status="queued", step=0)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    state = json.loads(coordinator.get(f"{page_url}status.json").content)
    assert state["status"] == "done" and state["finished"] and state["step"] == 4
    sheet = xlsx_download(coordinator.get(f"{page_url}sammanstallning.xlsx")).active
    recipients = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert recipients == set(requirement.recipients.values_list("name", flat=True))


def test_a_failed_compilation_says_so_and_may_be_tried_again(coordinator, requirement, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("pusselbit.reporting.domain.compilations.compiled_xlsx", broken)
    _, compilation = _compile(coordinator, requirement)
    compilation.refresh_from_db()
    assert compilation.status == "failed" and compilation.step == 1
    assert "RuntimeError: the disk is full" in compilation.error
    page = coordinator.get(f"{BASE}sammanstallning/korning/{compilation.pk}/").content.decode()
    assert "Sammanställningen misslyckades" in page and "the disk is full" in page
    monkeypatch.undo()
    coordinator.post(f"{BASE}sammanstallning/{requirement.pk}/")
    assert Compilation.objects.filter(status="done").count() == 1


def test_a_compilation_runs_once(requirement):
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    compilation = request_compilation(requirement, actor=coordinator)
    done = Compilation.objects.get(pk=compilation.pk)

    with CaptureQueriesContext(connection) as queries:
        assert run_compilation(compilation.pk) == "done"  # already run by the immediate backend
    # Compiled again, it would read the reports and write its step and files: it reads its own
    # row and stops (on PostgreSQL inside the advisory lock it takes and lets go, core.locks).
    own = [query["sql"] for query in queries if "advisory" not in query["sql"]]
    assert len(own) == 1 and own[0].lstrip().upper().startswith("SELECT")
    again = Compilation.objects.get(pk=compilation.pk)
    assert again.status == "done" and again.finished_at == done.finished_at
    assert again.xlsx == done.xlsx and again.pdf == done.pdf
    assert again.xlsx_size == done.xlsx_size


def test_the_files_are_kept_in_the_storage_under_the_region_with_their_sizes(requirement):
    compilation = request_compilation(requirement, actor=None)
    row = Compilation.objects.get(pk=compilation.pk)
    storage = storages["attachments"]
    kept = [name for name in Compilation.FILES if getattr(row, name)]
    # The PDF only where WeasyPrint runs; the other two always.
    assert {"xlsx", "docx"} <= set(kept)
    for name in kept:
        stored = getattr(row, name).name
        assert stored.startswith(f"reports/dalarna/{row.pk}/sammanstallning")
        assert stored.endswith(f".{name}")
        assert storage.size(stored) == getattr(row, f"{name}_size") > 0
    for name in set(Compilation.FILES) - set(kept):
        assert getattr(row, f"{name}_size") is None


def test_a_file_gone_from_the_storage_is_a_404(coordinator, requirement):
    _, compilation = _compile(coordinator, requirement)
    storages["attachments"].delete(compilation.xlsx.name)
    page_url = f"{BASE}sammanstallning/korning/{compilation.pk}/"
    assert coordinator.get(f"{page_url}sammanstallning.xlsx").status_code == 404
    word = coordinator.get(f"{page_url}sammanstallning.docx")
    assert word.status_code == 200 and word.getvalue().startswith(b"PK")
    assert word["Cache-Control"] == "private, no-store"


def test_pruning_deletes_the_pruned_files_after_the_commit_and_keeps_the_published(
    requirement, django_capture_on_commit_callbacks
):
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    published = request_compilation(requirement, actor=coordinator)
    publish_compilation(published, actor=coordinator)
    pruned = request_compilation(requirement, actor=coordinator)
    for _ in range(5):  # KEEP newer ones, without files
        Compilation.objects.create(requirement=requirement, status="done")
    storage = storages["attachments"]

    def names(compilation):
        row = Compilation.objects.get(pk=compilation.pk)
        return [getattr(row, name).name for name in Compilation.FILES if getattr(row, name)]

    kept, gone = names(published), names(pruned)
    storage.delete(gone[0])  # gone already (an operator's clean-up): no matter
    with django_capture_on_commit_callbacks() as callbacks:
        _prune(requirement)
        assert all(storage.exists(name) for name in gone[1:])  # until the commit
    assert not Compilation.objects.filter(pk=pruned.pk).exists()
    for callback in callbacks:
        callback()
    assert not any(storage.exists(name) for name in gone)
    assert all(storage.exists(name) for name in kept)


def test_only_the_county_coordinator_compiles_and_no_other_region_sees_it(client, requirement):
    client.force_login(User.objects.get(username="dalarna-lanssamordnare"))
    _, compilation = _compile(client, requirement)
    page_url = f"{BASE}sammanstallning/korning/{compilation.pk}/"
    client.force_login(User.objects.get(username="dalarna-lokal-samordnare"))
    with nothing_written():
        assert client.post(f"{BASE}sammanstallning/{requirement.pk}/").status_code == 403
    assert client.get(page_url).status_code == 403
    assert client.get(f"{page_url}sammanstallning.xlsx").status_code == 403
    assert client.get(BASE).content.decode().count(f"sammanstallning/{requirement.pk}/") == 0
    client.force_login(User.objects.get(username="blekinge-lanssamordnare"))
    assert client.get(page_url).status_code == 404
    assert client.get(f"{page_url}status.json").status_code == 404
    assert client.get(f"{page_url}sammanstallning.xlsx").status_code == 404
    assert client.get(f"{BASE}sammanstallning/{requirement.pk}/").status_code in (404, 405)


def test_the_overview_query_count_does_not_grow_with_compilations(coordinator, requirement):
    _compile(coordinator, requirement)
    coordinator.get(BASE)
    with CaptureQueriesContext(connection) as one:
        coordinator.get(BASE)
    for _ in range(5):
        Compilation.objects.create(requirement=requirement)
    with CaptureQueriesContext(connection) as six:
        coordinator.get(BASE)
    assert len(six) == len(one)


def test_only_the_newest_five_compilations_are_kept(client, alice, blekinge):
    # One recipient without a report: seven compilations of the demo's requirement would build
    # seven full county reports, and this is about how many are kept, not what they hold.
    requirement = RequirementFactory(
        region=blekinge, recipients=[OrganisationFactory(region=blekinge, name="Karlshamn")]
    )
    client.force_login(alice)
    made = []
    for _ in range(7):
        response = client.post(f"/regioner/blekinge/redovisning/sammanstallning/{requirement.pk}/")
        assert response.status_code == 302
        compilation = Compilation.objects.filter(requirement=requirement).latest("pk")
        assert compilation.status == "done"
        made.append(compilation.pk)
    kept = Compilation.objects.filter(requirement=requirement)
    assert sorted(kept.values_list("pk", flat=True)) == made[2:]
