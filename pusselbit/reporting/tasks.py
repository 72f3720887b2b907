"""Reporting's tasks for Django's task framework (the django-tasks backport of Django 6's
django.tasks): they run in a worker (`pusselbit db_worker`) where one runs, at once otherwise.
A scheduler may call `pusselbit send_reminders` instead of the reminder task; both go through
the same idempotent function."""

import datetime

from django_tasks import task

from pusselbit.core.scoping import scopes_disabled

from .domain import send_reminders
from .domain.compilations import run_compilation


@task()
def send_reminders_task(today: str | None = None) -> int:
    """Arguments are JSON: the date as YYYY-MM-DD (default: today in Sweden)."""
    # The worker reminds every region's recipients (pusselbit.core.scoping).
    with scopes_disabled():
        return send_reminders(datetime.date.fromisoformat(today) if today else None)


@task()
def compile_report_task(compilation_pk: int) -> str:
    # The worker acts for every region; the compilation was asked for within its region.
    with scopes_disabled():
        return run_compilation(compilation_pk)
