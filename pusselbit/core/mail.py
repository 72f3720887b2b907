"""The outbox: every e-mail Pusselbit sends goes through here.

`queue_mail` writes the message (an OutgoingMail row) inside the transaction of the change it
tells of, and asks the task framework to send it once that transaction has committed. A mail
server that is down therefore never undoes the change nor turns it into an error page: the
message waits, is retried with growing pauses, and after MAX_ATTEMPTS it is marked failed,
logged and shown to the administrators, who may send it again.

A message goes to the mail server at most once. A worker first opens the connection, then
claims the row (queued → being sent, one conditional UPDATE: of two workers racing, one wins),
hands the message over and marks it sent. A worker that dies between the claim and the mark
leaves the row "being sent"; as nobody can tell whether the server got it, `deliver_due` marks
such a row failed (after STALE_AFTER) for an administrator to decide rather than send it again.
Each message keeps its Message-ID on every attempt, so a receiving server can tell a copy.

Retries: with a task backend that can defer (the database queue), each failure enqueues the
next attempt for its time; `pusselbit send_queued_mail`, run by a scheduler, sends whatever is
due in any case, so no message is lost if a queued task is.
"""

import contextvars
import datetime
import logging
from collections.abc import Iterable
from contextlib import contextmanager
from email.utils import make_msgid, parseaddr
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit
from .enums import MailStatus
from .models import OutgoingMail
from .permissions import require
from .validators import one_line

logger = logging.getLogger(__name__)


# The pause before each new attempt: about a day of trying in all.
RETRY_DELAYS = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 360, 720)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Longer than any hand-over can take (EMAIL_TIMEOUT per step of the SMTP conversation).
STALE_AFTER = datetime.timedelta(minutes=15)


# Set while nothing is to be mailed (see `silenced`).
_SILENCED = contextvars.ContextVar("pusselbit_mail_silenced", default=False)


@contextmanager
def silenced():
    """Queue no mail within: the demo walks its initiatives through their stages, and nobody is
    to be told of that (nor the worker print a hundred messages when `make run` starts)."""
    token = _SILENCED.set(True)
    try:
        yield
    finally:
        _SILENCED.reset(token)


def is_silenced() -> bool:
    """Whether mail is silenced here (`silenced`): what tells of a change may then skip the
    work of a message that would not be queued."""
    return _SILENCED.get()


def _valid_addresses(addresses: Iterable[str]) -> list[str]:
    valid = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            logger.warning("Not sending e-mail to the invalid address %r.", address)
        else:
            valid.append(address)
    return valid


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "pusselbit.localhost"
    return make_msgid(domain=domain)


def queue_mail(
    *, to: Iterable[str], subject: str, body: str, region=None, attachments=()
) -> OutgoingMail | None:
    """Put one message to `to` in the outbox, within the caller's transaction; it is sent after
    the commit. The subject is made one line, so no line break ever reaches a header.
    `attachments`: (filename, text content, mimetype) triples, sent with the message.
    Returns None (and writes nothing) when no address is valid, or within `silenced`."""
    if _SILENCED.get():
        return None
    addresses = _valid_addresses(to)
    if not addresses:
        return None
    mail = OutgoingMail.objects.create(
        region=region,
        to=addresses,
        subject=one_line(subject, OutgoingMail._meta.get_field("subject").max_length),
        body=body,
        attachments=[
            {"filename": name, "content": content, "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
        message_id=_message_id(),
    )
    # robust: a queue that cannot be reached is logged, never an error page; the scheduled
    # `send_queued_mail` then sends the message.
    transaction.on_commit(partial(_enqueue, mail.pk), robust=True)
    return mail


def _enqueue(pk: int, run_after: datetime.datetime | None = None) -> None:
    # Imported when used: the task module imports this one for the task's body (deliver).
    from .tasks import send_mail_task

    task = send_mail_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # a backend without a queue: `send_queued_mail` retries when it is due
        task = task.using(run_after=run_after)
    task.enqueue(pk)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _record_failure(mail: OutgoingMail, attempt: int, error: str, **still) -> None:
    """Count attempt number `attempt` as failed: queue the next one after a pause, or give up
    after MAX_ATTEMPTS. `still` is the state the row must still be in (nobody else took it)."""
    now = timezone.now()
    gives_up = attempt >= MAX_ATTEMPTS
    next_attempt_at = now + RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
    updated = OutgoingMail.objects.filter(pk=mail.pk, **still).update(
        status=MailStatus.FAILED if gives_up else MailStatus.QUEUED,
        attempts=attempt,
        last_error=error,
        next_attempt_at=next_attempt_at,
        claimed_at=None,
    )
    if not updated:
        return
    if gives_up:
        logger.error(
            "E-mail %s (%r to %s) failed %s times and is given up: %s",
            mail.pk,
            mail.subject,
            ", ".join(mail.to),
            attempt,
            error,
        )
    else:
        logger.warning(
            "E-mail %s could not be sent (attempt %s of %s), retried at %s: %s",
            mail.pk,
            attempt,
            MAX_ATTEMPTS,
            next_attempt_at.isoformat(),
            error,
        )
        try:
            _enqueue(mail.pk, run_after=next_attempt_at)
        except Exception:
            # The retry is recorded on the row; `send_queued_mail` makes it when it is due.
            logger.exception("Could not queue the retry of e-mail %s.", mail.pk)


def _message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject, body=mail.body, to=mail.to, headers={"Message-ID": mail.message_id}
    )
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def deliver(pk: int) -> bool:
    """Send the outbox message `pk` if it is queued and due. True when it went out now; False
    when it was not due, is sent or taken by another worker, or failed (and is recorded)."""
    now = timezone.now()
    mail = OutgoingMail.objects.filter(
        pk=pk, status=MailStatus.QUEUED, next_attempt_at__lte=now
    ).first()
    if mail is None:
        return False
    connection = get_connection(fail_silently=False)
    try:
        # Connect before claiming: a server that cannot be reached leaves no doubt that nothing
        # was handed over, so the message is simply retried.
        connection.open()
    except Exception as error:
        _record_failure(
            mail,
            mail.attempts + 1,
            _describe(error),
            status=MailStatus.QUEUED,
            attempts=mail.attempts,
        )
        return False
    try:
        claimed = OutgoingMail.objects.filter(
            pk=pk, status=MailStatus.QUEUED, attempts=mail.attempts, next_attempt_at__lte=now
        ).update(status=MailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
        if not claimed:
            return False
        try:
            if not connection.send_messages([_message(mail)]):
                raise RuntimeError("The mail backend sent nothing.")
        except Exception as error:
            # The server answered with a refusal (or went away): taken as not accepted. A server
            # that went away after taking the message but before saying so is the one case where
            # the retry sends a copy; its Message-ID lets the receiving side tell.
            _record_failure(mail, mail.attempts + 1, _describe(error), status=MailStatus.SENDING)
            return False
        OutgoingMail.objects.filter(pk=pk, status=MailStatus.SENDING).update(
            status=MailStatus.SENT, sent_at=timezone.now(), last_error=""
        )
        return True
    finally:
        connection.close()


def give_up_interrupted(now: datetime.datetime | None = None) -> int:
    """Mark failed every message whose hand-over was interrupted (its worker stopped) and log
    it: it may or may not have arrived, and sending it again is for an administrator to decide."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        error = _(
            "The sending was interrupted before the mail server confirmed it; the message may "
            "or may not have arrived. Send it again if it is needed."
        )
    count = 0
    stale = OutgoingMail.objects.filter(status=MailStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    for mail in stale:
        if OutgoingMail.objects.filter(pk=mail.pk, status=MailStatus.SENDING).update(
            status=MailStatus.FAILED, last_error=error, claimed_at=None
        ):
            logger.error("E-mail %s (%r) was interrupted while being sent.", mail.pk, mail.subject)
            count += 1
    return count


def deliver_due() -> int:
    """Send every queued message that is due; the number sent. Run by `send_queued_mail`."""
    give_up_interrupted()
    due = OutgoingMail.objects.filter(
        status=MailStatus.QUEUED, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")
    return sum(deliver(pk) for pk in due.values_list("pk", flat=True))


def call_off(mail: OutgoingMail | None, reason: str) -> bool:
    """Keep a message that is still waiting (queued, its retries included) from being sent,
    because what it tells is no longer so (an invitation's link replaced or withdrawn): it is
    marked failed with `reason`, so neither a worker nor `send_queued_mail` sends it. False when
    there is none or it is sent or being sent already. (Failed rather than a status of its own:
    the outbox's list and its administrators' resend already know failed messages.)"""
    if mail is None:
        return False
    return bool(
        OutgoingMail.objects.filter(pk=mail.pk, status=MailStatus.QUEUED).update(
            status=MailStatus.FAILED, last_error=reason, claimed_at=None
        )
    )


class AlreadySent(Exception):
    """The message went out (or is going out) and is not sent again."""


@transaction.atomic
def resend_mail(mail: OutgoingMail, *, actor) -> OutgoingMail:
    """Queue a failed (or waiting) message to be sent at once, with a full set of attempts.
    Side effects: the row, an audit entry, and — after the commit — the sending task.
    Raises AlreadySent for a message that is sent or being sent."""
    require(actor, "core.resend_outgoingmail", mail)
    locked = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if locked.status in (MailStatus.SENT, MailStatus.SENDING):
        raise AlreadySent()
    previous = locked.status
    locked.status, locked.attempts = MailStatus.QUEUED, 0
    locked.next_attempt_at, locked.claimed_at = timezone.now(), None
    locked.save(update_fields=["status", "attempts", "next_attempt_at", "claimed_at"])
    audit.record(
        "mail.resend_requested",
        locked,
        actor=actor,
        subject=locked.subject,
        to=locked.to,
        previous_status=previous,
        last_error=locked.last_error,
    )
    transaction.on_commit(partial(_enqueue, locked.pk), robust=True)
    return locked
