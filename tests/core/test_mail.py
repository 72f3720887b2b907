"""The outbox (core.mail): a message is written with the change, sent after the commit over a
real SMTP server, retried while the server is down, sent once however many workers try, and
given up after its attempts, logged and shown to the region's administrators, who may send it
again."""

import datetime
import logging

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pusselbit.core import mail
from pusselbit.core.models import AuditEntry, OutgoingMail
from pusselbit.core.tasks import send_mail_task
from tests.concurrency import all_at_once, postgresql_only
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def queue(region=None, subject="Påminnelse", to=("lokal@example.org",)):
    with transaction.atomic():
        return mail.queue_mail(to=list(to), subject=subject, body="Hej!", region=region)


def later(minutes):
    """The clock `minutes` from now."""
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def fail_every_attempt():
    """Let every attempt fail against the server that is down; the message ends failed."""
    for attempt in range(mail.MAX_ATTEMPTS):
        delay = sum(mail.RETRY_DELAYS[:attempt], datetime.timedelta()).total_seconds() / 60
        with later(delay + 1):
            call_command("send_queued_mail", verbosity=0)


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


@pytest.fixture
def dalarna_admin(dalarna):
    return MembershipFactory(region=dalarna, role="administrator", user__username="dora").user


def test_a_message_is_sent_once_however_often_its_task_runs(
    mail_server, django_capture_on_commit_callbacks
):
    mail_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    send_mail_task.enqueue(message.pk)
    call_command("send_queued_mail", verbosity=0)
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.sent_at
    assert mail_server.recipients() == ["lokal@example.org"]
    assert mail_server.messages[0]["Message-ID"] == message.message_id


def test_a_line_break_in_the_subject_never_reaches_a_header(
    mail_server, django_capture_on_commit_callbacks
):
    mail_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(subject="Titel\r\nBcc: x@example.com")
    assert message.subject == "Titel Bcc: x@example.com"
    assert mail_server.recipients() == ["lokal@example.org"]
    assert mail_server.messages[0]["Bcc"] is None


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_ten_workers_at_once_send_a_message_once(mail_server):
    mail_server.start()
    message = OutgoingMail.objects.create(
        to=["lokal@example.org"], subject="Påminnelse", body="Hej!", message_id="<race@test>"
    )
    results = all_at_once([lambda: mail.deliver(message.pk)] * 10)

    assert sorted(results, key=str) == [False] * 9 + [True]
    assert mail_server.recipients() == ["lokal@example.org"]
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1


def test_a_message_whose_worker_stopped_while_sending_is_failed_not_sent_again(mail_server, caplog):
    mail_server.start()
    # What a worker killed in the middle of handing the message over leaves behind.
    message = OutgoingMail.objects.create(
        to=["lokal@example.org"],
        subject="Påminnelse",
        body="Hej!",
        message_id="<stopped@test>",
        status="sending",
        attempts=1,
        claimed_at=timezone.now(),
    )
    call_command("send_queued_mail", verbosity=0)
    message.refresh_from_db()
    assert message.status == "sending"  # perhaps still under way: left alone

    with later(20), caplog.at_level(logging.ERROR, logger="pusselbit.core.mail"):
        call_command("send_queued_mail", verbosity=0)
        call_command("send_queued_mail", verbosity=0)

    message.refresh_from_db()
    assert message.status == "failed" and "avbröts" in message.last_error
    assert "interrupted" in caplog.text
    assert mail_server.envelopes == []


def test_a_message_that_keeps_failing_is_given_up_and_logged(mail_server, blekinge, caplog):
    message = queue(region=blekinge)  # sent after the commit, which a test does not reach
    with caplog.at_level(logging.ERROR, logger="pusselbit.core.mail"):
        fail_every_attempt()
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == mail.MAX_ATTEMPTS
    assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert "given up" in caplog.text and "lokal@example.org" in caplog.text

    mail_server.start()
    with later(24 * 60):
        call_command("send_queued_mail", verbosity=0)
    assert mail_server.envelopes == []  # a failed message waits for an administrator


def test_region_administrators_see_their_regions_failed_mail(
    client, mail_server, blekinge, dalarna, blekinge_admin, dalarna_admin
):
    queue(region=blekinge, subject="Blekinges påminnelse")
    queue(region=dalarna, subject="Dalarnas påminnelse")
    queue(region=blekinge, subject="Skickad påminnelse")
    OutgoingMail.objects.filter(subject="Skickad påminnelse").update(status="sent")
    fail_every_attempt()
    changelist = reverse("admin:core_outgoingmail_changelist")

    client.force_login(blekinge_admin)
    failed = client.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "Blekinges påminnelse" in failed and "Connection refused" in failed
    assert "Dalarnas påminnelse" not in failed and "Skickad påminnelse" not in failed
    own = OutgoingMail.objects.get(subject="Blekinges påminnelse")
    detail = client.get(reverse("admin:core_outgoingmail_change", args=[own.pk])).content.decode()
    assert own.last_error.split(":")[0] in detail
    other = OutgoingMail.objects.get(subject="Dalarnas påminnelse")
    response = client.get(reverse("admin:core_outgoingmail_change", args=[other.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    page = response.content.decode()
    assert "finns inte" in page and "Dalarnas påminnelse" not in page


def test_send_again_from_the_admin_sends_it_with_an_audit_entry(
    client, mail_server, blekinge, blekinge_admin, django_capture_on_commit_callbacks
):
    message = queue(region=blekinge)
    fail_every_attempt()
    mail_server.start()
    client.force_login(blekinge_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:core_outgoingmail_changelist"),
            {"action": "send_again", "_selected_action": [message.pk]},
            follow=True,
        )

    assert "1 meddelande ska skickas igen." in response.content.decode()
    message.refresh_from_db()
    assert message.status == "sent"
    assert mail_server.recipients() == ["lokal@example.org"]
    entry = AuditEntry.objects.get(action="mail.resend_requested")
    assert entry.actor == blekinge_admin and entry.data["previous_status"] == "failed"


def test_sent_mail_is_not_sent_again(mail_server, blekinge, blekinge_admin):
    message = queue(region=blekinge)
    OutgoingMail.objects.filter(pk=message.pk).update(status="sent")
    with pytest.raises(mail.AlreadySent):
        mail.resend_mail(message, actor=blekinge_admin)
    assert not AuditEntry.objects.filter(action="mail.resend_requested").exists()


def test_another_regions_administrator_may_not_send_it_again(blekinge, dalarna_admin):
    message = queue(region=blekinge)
    OutgoingMail.objects.filter(pk=message.pk).update(status="failed")
    with pytest.raises(PermissionDenied):
        mail.resend_mail(message, actor=dalarna_admin)


# The database queue's worker closes connections between tasks, which would end a test's
# wrapping transaction on PostgreSQL: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_retries_when_it_is_due(mail_server, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    message = queue()
    worker = ["db_worker", "--batch", "--no-startup-delay"]

    call_command(*worker, verbosity=0)  # the server is down: the attempt fails
    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 1 and message.last_error
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == message.next_attempt_at

    mail_server.start()
    call_command(*worker, verbosity=0)  # not due yet
    assert mail_server.envelopes == []
    with later(2):
        call_command(*worker, verbosity=0)
        call_command("send_queued_mail", verbosity=0)
    message.refresh_from_db()
    assert message.status == "sent" and mail_server.recipients() == ["lokal@example.org"]
