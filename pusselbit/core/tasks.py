"""Core's tasks for Django's task framework: sending the outbox (core.mail)."""

from django_tasks import task

from .mail import deliver
from .scoping import scopes_disabled


@task()
def send_mail_task(mail_pk: int) -> bool:
    """Send one outbox message if it is still queued and due; safe to run twice."""
    # The worker sends every region's mail, and mail of no region (pusselbit.core.scoping).
    with scopes_disabled():
        return deliver(mail_pk)
