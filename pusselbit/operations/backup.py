"""A consistent backup of an installation, and its restore into an empty one.

A backup is a folder: `database.dump` (pg_dump's custom format), `files/<storage>/<name>` (every
file of the storages in STORAGES_KEPT, read through Django's storage API, so the same for a
folder and an S3 bucket) and `manifest.json`: each table's row count and a hash of its rows,
each file's size and SHA-256, the dump's SHA-256.

Consistent: the dump and the manifest's counts and hashes come from one snapshot of the
database (a repeatable-read transaction whose snapshot pg_dump is given), so they describe the
same moment however busy the installation is. Files are copied after the snapshot. A stored
file is never changed: attached files are never removed either (core's records keep their
names), nor are published documents and published compiled reports; one stored meanwhile is
only extra. An unpublished compiled report's files are removed when the compilation is pruned
(reporting.domain.compilations): one pruned after the snapshot is in the dump without its
files, as it would be in the running installation a moment later, and downloading it after a
restore is a 404 like any missing file.

A restore checks the backup against its manifest before it writes anything, refuses a database
that already holds tables, restores the dump in one transaction, puts the files back under the
same names, and checks the restored tables and files against the manifest again. PostgreSQL
only: the embedded SQLite installation is backed up by copying its `var/` folder while it is
stopped (README)."""

import hashlib
import json
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
STORAGES_KEPT = ("attachments",)
DUMP = "database.dump"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """What an operator must be told: the backup or restore did not happen, and why."""


@dataclass
class Report:
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)


def _sha256_of(read) -> str:
    """The SHA-256 of an open binary file, read a megabyte at a time."""
    digest = hashlib.sha256()
    for block in iter(lambda: read.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as read:
        return _sha256_of(read)


def _require_postgresql() -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups are made of PostgreSQL. The embedded SQLite installation is backed up by "
            "copying its var/ folder while `make run` is stopped."
        )


def _libpq_environment() -> dict:
    """pg_dump's and pg_restore's connection, from Django's settings (the password in the
    environment, never on a command line others can read)."""
    params = connection.get_connection_params()
    env = dict(os.environ)
    for setting, variable in [
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
        ("dbname", "PGDATABASE"),
    ]:
        if params.get(setting):
            env[variable] = str(params[setting])
    return env


def table_state() -> dict[str, dict]:
    """Each table's rows, counted and hashed in any order (the hash of each row's text, summed
    in order of those hashes), in the current transaction's snapshot."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "  # noqa: S608
                f"FROM (SELECT md5(t::text) AS h FROM {quoted} AS t) AS rows"
            )
            rows, digest = cursor.fetchone()
            state[table] = {"rows": rows, "hash": digest}
    return state


def _walk(store, folder=""):
    try:
        directories, files = store.listdir(folder)
    except FileNotFoundError:
        # A folder storage that never held a file has no folder yet; it is empty.
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(store, f"{folder}/{directory}" if folder else directory)


def backup(target: Path) -> Report:
    """Write a backup into `target` (a new or empty folder)."""
    _require_postgresql()
    started = time.perf_counter()
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: a backup goes into a folder of its own.")
    target.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        dumped = subprocess.run(  # noqa: S603  (a fixed program, arguments as a list)
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-acl"]
            + [f"--file={target / DUMP}"],
            env=_libpq_environment(),
            capture_output=True,
            text=True,
        )
        if dumped.returncode != 0:
            raise BackupError(f"pg_dump failed: {dumped.stderr.strip()}")
        tables = table_state()
    files = {}
    report = Report(tables=len(tables), rows=sum(t["rows"] for t in tables.values()))
    for name in STORAGES_KEPT:
        store = storages[name]
        kept = files[name] = {}
        for path in _walk(store):
            try:
                source = store.open(path, "rb")
            except FileNotFoundError:
                # Listed, then deleted before it was copied (a pruned compilation's file, after
                # the snapshot): left out of the backup as it is gone from the storage.
                continue
            copy = target / "files" / name / path
            copy.parent.mkdir(parents=True, exist_ok=True)
            with source, copy.open("wb") as written:
                for chunk in iter(lambda source=source: source.read(1 << 20), b""):
                    written.write(chunk)
            kept[path] = {"size": copy.stat().st_size, "sha256": _sha256(copy)}
            report.files += 1
            report.bytes += kept[path]["size"]
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {
            "server_version": server_version,
            "dump": DUMP,
            "sha256": _sha256(target / DUMP),
            "tables": tables,
        },
        "storages": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    report.bytes += (target / DUMP).stat().st_size
    report.seconds = time.perf_counter() - started
    return report


def read_manifest(source: Path) -> dict:
    """The manifest of the backup in `source`, after checking the dump and every file against
    it (a damaged or incomplete backup is refused before anything is written)."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source / MANIFEST} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    damaged = []
    if _sha256(source / DUMP) != manifest["database"]["sha256"]:
        damaged.append(DUMP)
    for name, kept in manifest["storages"].items():
        for path, expected in kept.items():
            copy = source / "files" / name / path
            if not copy.is_file() or _sha256(copy) != expected["sha256"]:
                damaged.append(f"files/{name}/{path}")
    if damaged:
        raise BackupError("The backup is damaged or incomplete: " + ", ".join(damaged[:10]))
    return manifest


def restore(source: Path) -> Report:
    """Restore the backup in `source` into this installation's empty database and storages."""
    _require_postgresql()
    started = time.perf_counter()
    source = Path(source)
    manifest = read_manifest(source)
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "The database already holds tables: a backup is restored into an empty one."
            )
    for name in manifest["storages"]:
        if next(_walk(storages[name]), None) is not None:
            raise BackupError(
                f"The storage {name!r} already holds files: restore into an empty one."
            )
    connection.close()  # pg_restore works alone in the database
    restored = subprocess.run(  # noqa: S603  (a fixed program, arguments as a list)
        ["pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl"]
        + [f"--dbname={_libpq_environment().get('PGDATABASE', '')}", str(source / DUMP)],
        env=_libpq_environment(),
        capture_output=True,
        text=True,
    )
    if restored.returncode != 0:
        raise BackupError(f"pg_restore failed: {restored.stderr.strip()}")
    report = Report()
    for name, kept in manifest["storages"].items():
        store = storages[name]
        for path in kept:
            with (source / "files" / name / path).open("rb") as copy:
                saved = store.save(path, File(copy))
            if saved != path:
                report.problems.append(f"{name}: {path} was stored as {saved}")
            report.files += 1
            report.bytes += kept[path]["size"]
    report.problems += verify(manifest)
    tables = manifest["database"]["tables"]
    report.tables, report.rows = len(tables), sum(t["rows"] for t in tables.values())
    report.seconds = time.perf_counter() - started
    return report


def verify(manifest: dict) -> list[str]:
    """How this installation differs from the backup's manifest (nothing, after a restore)."""
    problems = []
    with transaction.atomic():
        actual = table_state()
    expected = manifest["database"]["tables"]
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            problems.append(
                f"table {table}: {expected.get(table)} in the backup, {actual.get(table)} here"
            )
    for name, kept in manifest["storages"].items():
        store = storages[name]
        for path, file in kept.items():
            with store.open(path, "rb") as read:
                differs = _sha256_of(read) != file["sha256"]
            if differs:
                problems.append(f"{name}: {path} differs from the backup")
    return problems
