"""Backup and restore as an operator runs them: the demo in a PostgreSQL database of its own with
files in its storage, `pusselbit backup`, then `pusselbit restore` into an empty database and
storage; every table's rows and every file compared between the two, by the test's own
queries. A damaged backup and a database that is not empty are refused."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Backups are of PostgreSQL: run with DATABASE_URL set to PostgreSQL.",
)

# Written after the backup: the source's entry that a backup was taken, the target's that it
# was restored.
AFTERWARDS = "action LIKE 'operations.%%'"


def _server() -> dict:
    params = connection.get_connection_params()
    return {key: params[key] for key in ("host", "port", "user") if params.get(key)}


def _url(database: str) -> str:
    server = _server()
    return (
        f"postgres://{server.get('user', 'postgres')}@{server.get('host', '127.0.0.1')}:"
        f"{server.get('port', 5432)}/{database}"
    )


def _pusselbit(env, *args, check=True):
    finished = subprocess.run(
        [sys.executable, "-m", "pusselbit", *args], env=env, capture_output=True, text=True
    )
    if check:
        assert finished.returncode == 0, finished.stderr
    return finished


def _rows(database: str) -> dict:
    with psycopg.connect(dbname=database, autocommit=True, **_server()) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        state = {}
        for table in tables:
            where = f"WHERE NOT ({AFTERWARDS})" if table == "core_auditentry" else ""
            state[table] = db.execute(
                f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{table}\" t {where}"  # noqa: E501, S608
            ).fetchone()
        return state


def _files(folder: Path) -> dict:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def databases():
    names = [f"pb_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    yield names
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(tmp_path: Path, name: str, database: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=_url(database),
        PUSSELBIT_VAR_DIR=str(tmp_path / name),
        PUSSELBIT_ATTACHMENTS_DIR=str(tmp_path / name / "attachments"),
        SECRET_KEY="backup-test-" + "k" * 50,
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    return env


def test_the_demo_round_trips_through_a_backup(tmp_path, databases):
    source_db, target_db = databases
    source = _environment(tmp_path, "source", source_db)
    target = _environment(tmp_path, "target", target_db)
    _pusselbit(source, "migrate", "--verbosity=0")
    _pusselbit(source, "demo", "--quiet")
    # Files in the storage, in folders as attachments are kept, one of them binary.
    _pusselbit(
        source,
        "shell",
        "-c",
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import storages\n"
        "s = storages['attachments']\n"
        "s.save('2026/11/beslut.pdf', ContentFile(b'%PDF-1.7 ' + bytes(range(256)) * 40))\n"
        "s.save('2026/12/uppföljning.docx', ContentFile('Uppföljning, Blekinge'.encode()))\n"
        # And the files Pusselbit makes and keeps there: a compiled county report's three,
        # and the published files of every adopted assignment document.
        "from pusselbit.accounts.models import User\n"
        "from pusselbit.core.scoping import scopes_disabled\n"
        "from pusselbit.organisations.models import Region\n"
        "from pusselbit.public.documents import adopted_assignments\n"
        "from pusselbit.reporting.domain.compilations import request_compilation\n"
        "from pusselbit.reporting.models import Requirement\n"
        "with scopes_disabled():\n"
        "    request_compilation(Requirement.objects.filter(region__slug='dalarna').first(),"
        " actor=User.objects.get(username='dalarna-lanssamordnare'))\n"
        "    [adopted_assignments(region) for region in Region.objects.all()]\n",
    )

    started = time.perf_counter()
    taken = _pusselbit(source, "backup", str(tmp_path / "backup"))
    backup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    restored = _pusselbit(target, "restore", str(tmp_path / "backup"))
    restore_seconds = time.perf_counter() - started
    print(
        taken.stdout,
        restored.stdout,
        f"backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s",
    )

    before, after = _rows(source_db), _rows(target_db)
    assert before == after
    assert sum(count for count, _ in before.values()) > 1000  # the demo, not an empty database
    files = _files(tmp_path / "source" / "attachments")
    made = {name.split("/")[0] for name in files}
    assert {"2026", "reports", "documents"} <= made, sorted(files)
    assert sum(name.startswith("reports/") for name in files) == 3
    assert _files(tmp_path / "target" / "attachments") == files
    assert "every table and file matches the manifest" in restored.stdout

    # Restored once, the target is no longer empty: a second restore is refused.
    again = _pusselbit(target, "restore", str(tmp_path / "backup"), check=False)
    assert again.returncode != 0
    assert "already holds tables" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path, databases):
    source_db, target_db = databases
    source = _environment(tmp_path, "source", source_db)
    target = _environment(tmp_path, "target", target_db)
    _pusselbit(source, "migrate", "--verbosity=0")
    _pusselbit(
        source,
        "shell",
        "-c",
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import storages\n"
        "storages['attachments'].save('a.txt', ContentFile(b'kvitto'))\n",
    )
    _pusselbit(source, "backup", str(tmp_path / "backup"))
    (tmp_path / "backup" / "files" / "attachments" / "a.txt").write_bytes(b"kvittO")
    refused = _pusselbit(target, "restore", str(tmp_path / "backup"), check=False)
    assert refused.returncode != 0
    assert "damaged or incomplete: files/attachments/a.txt" in refused.stderr
    assert _rows(target_db) == {}
    # Into a folder that is not empty, no backup is written.
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    busy = _pusselbit(source, "backup", str(tmp_path / "full"), check=False)
    assert busy.returncode != 0 and "is not empty" in busy.stderr


def test_a_file_deleted_after_it_was_listed_is_left_out_of_the_backup(tmp_path, databases):
    source_db, _ = databases
    source = _environment(tmp_path, "source", source_db)
    source["PUSSELBIT_ATTACHMENTS_STORAGE"] = "tests.operations.storages.PrunedWhileListed"
    _pusselbit(source, "migrate", "--verbosity=0")
    _pusselbit(
        source,
        "shell",
        "-c",
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import storages\n"
        "s = storages['attachments']\n"
        "s.save('2026/11/beslut.pdf', ContentFile(b'%PDF-1.7 beslut'))\n"
        "s.save('reports/dalarna/7/sammanstallning.xlsx', ContentFile(b'PK pruned'))\n",
    )
    _pusselbit(source, "backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert list(manifest["storages"]["attachments"]) == ["2026/11/beslut.pdf"]
    assert _files(tmp_path / "backup" / "files") == {
        "attachments/2026/11/beslut.pdf": b"%PDF-1.7 beslut"
    }
