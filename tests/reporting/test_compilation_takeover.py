"""A compilation whose worker died mid-way: the task queue runs the task again (RQ's retries,
operations.queues), and the second run finishes it, keeping the files the first one wrote,
while a compilation whose worker still lives is left to it. Whether it lives is asked of
PostgreSQL (core.locks); SQLite cannot tell, and leaves a running compilation alone. The whole
story, with real processes killed, is tests/operations/test_scale_out.py."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

from pusselbit.core.locks import _key
from pusselbit.reporting.domain.compilations import run_compilation
from pusselbit.reporting.models import Compilation, Requirement
from tests.sessions import other_session

pytestmark = pytest.mark.django_db
postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite cannot tell a dead worker from a live one"
)


@pytest.fixture
def left_running(demo_once):
    """A compilation as a worker killed after its spreadsheet leaves it."""
    requirement = Requirement.objects.get(region__slug="dalarna")
    compilation = Compilation.objects.create(
        requirement=requirement, status="running", step=2, started_at=timezone.now()
    )
    compilation.xlsx.save("sammanstallning.xlsx", ContentFile(b"the first worker's"), save=False)
    Compilation.objects.filter(pk=compilation.pk).update(xlsx=compilation.xlsx.name, xlsx_size=18)
    return Compilation.objects.get(pk=compilation.pk)


def _stored(compilation):
    folder = f"reports/dalarna/{compilation.pk}"
    return sorted(f"{folder}/{name}" for name in storages["attachments"].listdir(folder)[1])


@postgresql
def test_a_compilation_left_running_by_a_dead_worker_is_finished_once(left_running):
    assert run_compilation(left_running.pk) == "done"
    done = Compilation.objects.get(pk=left_running.pk)
    assert done.status == "done" and done.step == Compilation.STEPS
    # The spreadsheet the first worker wrote is kept, not made a second time.
    assert done.xlsx.name == left_running.xlsx.name and done.xlsx_size == 18
    assert done.docx and done.pdf
    assert [name.rsplit(".", 1)[1] for name in _stored(left_running)] == ["docx", "pdf", "xlsx"]
    # And a third run finds nothing to do.
    assert run_compilation(left_running.pk) == "done"
    assert len(_stored(left_running)) == 3


@postgresql
def test_a_compilation_whose_worker_lives_is_left_to_it(left_running):
    with other_session() as worker:
        worker.execute(
            "SELECT pg_advisory_lock(%s)", [_key("reporting.compilation", left_running.pk)]
        )
        assert run_compilation(left_running.pk) == "running"
    still = Compilation.objects.get(pk=left_running.pk)
    assert still.status == "running" and still.step == 2 and not still.docx
    assert len(_stored(left_running)) == 1


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL can tell")
def test_without_a_way_to_tell_a_running_compilation_is_left_alone(left_running):
    assert run_compilation(left_running.pk) == "running"
    assert Compilation.objects.get(pk=left_running.pk).step == 2
