"""The reminders as a task of Django's task framework (the django-tasks backport of Django 6's
django.tasks), for installations where a worker runs; a scheduler may call
`pusselbit send_reminders` instead. Both go through the same idempotent function."""

import datetime

from django_tasks import task

from .domain import send_reminders


@task()
def send_reminders_task(today: str | None = None) -> int:
    """Arguments are JSON: the date as YYYY-MM-DD (default: today)."""
    return send_reminders(datetime.date.fromisoformat(today) if today else None)
