"""The health endpoints as a load balancer asks them: no session, no sign-in, JSON, never
cached; ready only when the database, the migrations, the storage and the task queue are."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from pusselbit.core.tasks import send_mail_task
from pusselbit.operations import health

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_live_answers_without_a_session_or_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_ready_reports_each_check(client, settings, tmp_path):
    settings.TASKS = QUEUED
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "storage", "tasks"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["tasks"] == body["checks"]["tasks"] | {
        "waiting": 0,
        "oldest_seconds": 0,
        "failed_last_day": 0,
    }
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_only_get_and_head(client):
    assert client.head("/health/ready").status_code == 200
    assert client.post("/health/ready").status_code == 405
    assert client.post("/health/live").status_code == 405


def test_a_missing_migration_is_not_ready(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    applied = MigrationRecorder.Migration.objects.filter(app="initiatives").latest("id")
    applied.delete()
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {
        "ok": False,
        "ms": response.json()["checks"]["migrations"]["ms"],
        "detail": "1 migrations not applied",
    }


def test_a_storage_that_refuses_files_is_not_ready(client, settings, tmp_path):
    # A place no file can go, even for root (as the tests may run): beneath a file.
    (tmp_path / "a-file").write_text("")
    settings.STORAGES = settings.STORAGES | {
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "a-file" / "attachments"},
        }
    }
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert response.json()["checks"]["storage"]["detail"] == "NotADirectoryError"


def test_the_storage_check_leaves_no_file(client, settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        }
    }
    assert client.get("/health/ready").status_code == 200
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_backlog_too_long_or_too_old_is_not_ready(client, settings):
    settings.TASKS = QUEUED
    settings.PUSSELBIT_READY_LIMITS = {"tasks_waiting": 2, "task_age_seconds": 600}
    start = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(2):
            send_mail_task.enqueue(1)
        assert client.get("/health/ready").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] | {"ms": 0} == {
        "ok": False,
        "ms": 0,
        "detail": "the oldest task has waited 660 s",
        "waiting": 2,
        "oldest_seconds": 660,
        "failed_last_day": 0,
    }
    with time_machine.travel(start, tick=False):
        send_mail_task.enqueue(1)
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"]["detail"] == "3 tasks waiting"


def test_without_the_database_ready_says_so_and_live_still_answers(client, monkeypatch):
    def refuse():
        raise connection.Database.OperationalError("could not connect to server at 10.0.0.5")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": {
                "ok": False,
                "ms": response.json()["checks"]["database"]["ms"],
                "detail": "OperationalError",
            }
        },
    }
    assert "10.0.0.5" not in response.content.decode()
    assert client.get("/health/live").status_code == 200


def test_failed_tasks_are_told_but_do_not_take_the_process_out(client, settings):
    from django_tasks_db.models import DBTaskResult  # the database queue's own table

    settings.TASKS = QUEUED
    send_mail_task.enqueue(1)
    DBTaskResult.objects.update(status="FAILED", finished_at=timezone.now())
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["failed_last_day"] == 1
