"""Core's tasks for Django's task framework: sending the outbox (core.mail)."""

from django_tasks import task

from .mail import deliver, deliver_due


@task()
def send_mail_task(mail_pk: int) -> bool:
    """Send one outbox message if it is still queued and due; safe to run twice."""
    return deliver(mail_pk)


@task()
def send_due_mail_task() -> int:
    """Everything due in the outbox, as `pusselbit send_queued_mail` does."""
    return deliver_due()
