"""Notifications' tasks for Django's task framework: the daily digest. A scheduler may call
`pusselbit send_digests` instead; both go through the same idempotent function."""

import datetime

from django_tasks import task

from pusselbit.core.scoping import scopes_disabled

from .domain import send_digests


@task()
def send_digests_task(now: str | None = None) -> int:
    """Arguments are JSON: the moment as an ISO 8601 date and time (default: now)."""
    # The worker mails every region's notices (pusselbit.core.scoping).
    with scopes_disabled():
        return send_digests(datetime.datetime.fromisoformat(now) if now else None)
