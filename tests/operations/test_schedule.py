"""`pusselbit schedule`: the periodic commands at Swedish times, each job's failure its own."""

import datetime

import pytest
from django.core import mail as sent
from django.core.management import call_command

from pusselbit.core.enums import MailStatus
from pusselbit.core.models import OutgoingMail
from pusselbit.operations.management.commands import schedule as command

pytestmark = pytest.mark.django_db


def test_once_runs_every_job_and_the_queued_mail_goes_out(capsys):
    # Queued as a task that never ran (the worker was down): the scheduled send catches it.
    waiting = OutgoingMail.objects.create(
        to=["handlaggare@example.se"], subject="Påminnelse", body="Hej", message_id="<x@y>"
    )
    call_command("schedule", "--once")
    assert capsys.readouterr().out.split("\n")[:4] == [
        "send_queued_mail: done",
        "send_reminders: done",
        "send_digests: done",
        "clearsessions: done",
    ]
    waiting.refresh_from_db()
    assert waiting.status == MailStatus.SENT
    assert [message.subject for message in sent.outbox] == ["Påminnelse"]


def test_a_failing_job_does_not_stop_the_others(monkeypatch, capsys, caplog):
    monkeypatch.setattr(command, "JOBS", [("no_such_command", {"minutes": 1})] + command.JOBS)
    with pytest.raises(SystemExit):
        call_command("schedule", "--once")
    out = capsys.readouterr().out
    assert "no_such_command: failed" in out and "clearsessions: done" in out
    assert "scheduled no_such_command failed" in caplog.text


def test_the_daily_jobs_run_at_swedish_time():
    jobs = {job.job_func.args[0]: job for job in command.scheduler().jobs}
    assert set(jobs) == {name for name, _ in command.JOBS}
    reminders = jobs["send_reminders"]
    assert reminders.at_time == datetime.time(6, 0)
    assert str(reminders.at_time_zone) == "Europe/Stockholm"
    assert jobs["send_queued_mail"].interval == 5
    assert jobs["send_queued_mail"].unit == "minutes"
