"""What a load balancer and a region's monitoring ask of a running installation.

Live: the process answers (nothing else is asked, so a slow database does not get healthy web
processes restarted). Ready: this process can serve a page and its work gets done: the
database answers, every migration is applied, the file storage takes a file, and the task
queue is neither too long nor too old (a stuck or missing worker shows here first)."""

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.utils import timezone


@dataclass
class Check:
    ok: bool
    detail: str = ""
    ms: float = 0.0
    values: dict = field(default_factory=dict)


_migrated = False
DAY = timedelta(days=1)


def database() -> Check:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(True)


def migrations() -> Check:
    # Applied migrations are never unapplied under a running installation, so once all are in,
    # the graph (a few hundred files read) is not read again by this process.
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            return Check(False, f"{len(plan)} migrations not applied")
        _migrated = True
    return Check(True)


def storage() -> Check:
    """A file written, read back and deleted where attachments and documents are kept."""
    store = storages["attachments"]
    content = uuid.uuid4().hex.encode()
    name = store.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with store.open(name, "rb") as written:
            if written.read() != content:
                return Check(False, "a file read back differs from what was written")
    finally:
        store.delete(name)
    return Check(True)


def tasks() -> Check:
    """The due tasks waiting for a worker, and how long the oldest has waited. Only the database
    queue is counted here; with tasks run at once (ImmediateBackend) there is no queue."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_rq.RQBackend":
        return _judged(*_rq_queue())
    if not backend.startswith("django_tasks_db"):
        return Check(True, f"no queue to measure ({backend.rsplit('.', 1)[-1]})")
    # Imported only when the database queue is the backend: another backend's installation
    # may leave the app out of INSTALLED_APPS.
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = DBTaskResult.objects.ready()
    waiting = due.count()
    oldest = [
        due.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        due.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
    ]
    since = min((at for at in oldest if at), default=None)
    age = (timezone.now() - since).total_seconds() if since else 0.0
    # Told, not judged: a failed task (a compile that broke) is for the operator to read in the
    # admin (Tasks, filtered by status), not a reason to take the process out of service.
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=timezone.now() - DAY).count()
    return _judged(waiting, age, {"failed_last_day": failed})


def _rq_queue() -> tuple[int, float, dict]:
    """The same measures of RQ's queues in Redis: jobs waiting (due now), how long the first in
    each queue has waited, and the jobs RQ keeps as failed (for a year: `pusselbit rqstats` shows
    them by queue; a job retried after its worker died is not among them)."""
    import django_rq  # only installed in INSTALLED_APPS with this backend

    waiting, since, failed = 0, None, 0
    for name in settings.RQ_QUEUES:
        queue = django_rq.get_queue(name)
        waiting += queue.count
        failed += queue.failed_job_registry.count
        first = queue.get_jobs(0, 1)
        if first and first[0].enqueued_at and (since is None or first[0].enqueued_at < since):
            since = first[0].enqueued_at
    if since is not None and since.tzinfo is None:  # older RQ releases kept naive UTC times
        since = since.replace(tzinfo=UTC)
    age = (timezone.now() - since).total_seconds() if since else 0.0
    return waiting, max(age, 0.0), {"failed": failed}


def _judged(waiting: int, age: float, told: dict) -> Check:
    values = {"waiting": waiting, "oldest_seconds": round(age), **told}
    limits = settings.PUSSELBIT_READY_LIMITS
    if waiting > limits["tasks_waiting"]:
        return Check(False, f"{waiting} tasks waiting", values=values)
    if age > limits["task_age_seconds"]:
        return Check(False, f"the oldest task has waited {age:.0f} s", values=values)
    return Check(True, values=values)


CHECKS = {"database": database, "migrations": migrations, "storage": storage, "tasks": tasks}


def ready() -> dict[str, Check]:
    """Each check run, timed; one that raises fails with the error's kind only (its message may
    hold an address or a user name that has no place in a monitoring system's log)."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as error:  # noqa: BLE001  (any failure is a not-ready answer)
            result = Check(False, type(error).__name__)
        result.ms = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
        if name == "database" and not result.ok:
            # Without the database the others can only fail more slowly.
            break
    return results
