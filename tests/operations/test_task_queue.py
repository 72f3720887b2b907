"""Tasks through Redis (TASKS_BACKEND=django_tasks_rq.RQBackend) on this machine's Redis: a task
goes through RQ to a worker; a job whose worker died is run again, not filed as failed; the
readiness check measures the queue. Killing a real worker mid-compilation is in
tests/operations/test_scale_out.py."""

import os
import subprocess
import sys

import pytest
import redis
from django_rq import get_queue
from django_tasks_rq import Job
from rq import SimpleWorker
from rq.job import JobStatus

from pusselbit.core.tasks import send_mail_task
from pusselbit.operations import health
from pusselbit.operations.queues import Worker

pytestmark = pytest.mark.django_db

URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def rq(settings):
    connection = redis.Redis.from_url(URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    connection.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": URL, "DEFAULT_TIMEOUT": 60}}
    settings.RQ = {
        "JOB_CLASS": "django_tasks_rq.backend.Job",
        "QUEUE_CLASS": "pusselbit.operations.queues.RetryingQueue",
    }
    settings.RQ_TASK_RETRIES = 3
    settings.RQ_MAINTENANCE_SECONDS = 5
    queue = get_queue("default", job_class=Job)
    yield queue
    connection.flushdb()


def _work(queue):
    # In this process, so the task sees the test's database; a real worker forks per job.
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def test_a_task_goes_through_redis_to_a_worker_and_may_be_retried(rq):
    result = send_mail_task.enqueue(0)  # no such message: the task says it sent nothing
    job = Job.fetch(result.id, connection=rq.connection)
    assert job.retries_left == 3
    assert rq.count == 1
    _work(rq)
    job = Job.fetch(result.id, connection=rq.connection)
    assert job.get_status() == JobStatus.FINISHED
    assert job.return_value() is False
    assert send_mail_task.get_result(result.id).status == "SUCCESSFUL"


def test_a_job_whose_worker_died_is_run_again_not_filed_as_failed(rq):
    result = send_mail_task.enqueue(0)
    job = Job.fetch(result.id, connection=rq.connection)
    # What a worker killed mid-task leaves: the job taken off the queue, started, and its
    # heartbeat in the started-job registry lapsed.
    rq.connection.lrem(rq.key, 0, job.id)
    job.set_status(JobStatus.STARTED)
    rq.connection.zadd(rq.started_job_registry.key, {f"{job.id}:lost-execution": 1})
    assert rq.count == 0
    rq.started_job_registry.cleanup()
    job = Job.fetch(result.id, connection=rq.connection)
    assert job.retries_left == 2
    assert rq.count == 1
    assert rq.failed_job_registry.count == 0
    _work(rq)
    assert Job.fetch(result.id, connection=rq.connection).get_status() == JobStatus.FINISHED


def test_the_worker_looks_for_abandoned_jobs_sooner_than_rqs_ten_minutes(rq):
    assert Worker([rq], connection=rq.connection).maintenance_interval == 5


def test_readiness_measures_the_redis_queue(rq, settings):
    for _ in range(2):
        send_mail_task.enqueue(0)
    check = health.tasks()
    assert check.ok
    assert check.values["waiting"] == 2 and check.values["failed"] == 0
    assert 0 <= check.values["oldest_seconds"] < 60
    settings.PUSSELBIT_READY_LIMITS = {"tasks_waiting": 1, "task_age_seconds": 600}
    check = health.tasks()
    assert not check.ok and check.detail == "2 tasks waiting"


def _settings(tmp_path, **environment):
    code = (
        "import pusselbit.settings as s;"
        "print(s.TASKS, s.RQ_QUEUES, 'django_rq' in s.INSTALLED_APPS)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "RQ_REDIS_URL")}
    env.update(PUSSELBIT_VAR_DIR=str(tmp_path), **environment)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_the_redis_queue_is_configured_by_the_environment(tmp_path):
    refused = _settings(tmp_path, TASKS_BACKEND="django_tasks_rq.RQBackend")
    assert refused.returncode != 0
    assert "TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL" in refused.stderr
    configured = _settings(
        tmp_path, TASKS_BACKEND="django_tasks_rq.RQBackend", REDIS_URL="redis://127.0.0.1:6379/5"
    )
    assert configured.returncode == 0, configured.stderr
    assert "'URL': 'redis://127.0.0.1:6379/5'" in configured.stdout
    assert configured.stdout.strip().endswith("True")


def test_no_dashboard_shows_every_regions_jobs_in_the_admin(tmp_path):
    # django-rq registers one by default, open to any staff user: region administrators too.
    code = (
        "import django; django.setup(); from django.contrib import admin;"
        "print(sorted({m._meta.app_label for m in admin.site._registry}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "RQ_REDIS_URL")}
    env.update(
        PUSSELBIT_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="pusselbit.settings",
        TASKS_BACKEND="django_tasks_rq.RQBackend",
        REDIS_URL="redis://127.0.0.1:6379/5",
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "'reporting'" in result.stdout and "django_rq" not in result.stdout
