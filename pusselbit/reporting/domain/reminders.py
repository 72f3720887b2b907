"""Reminder e-mails before a deadline and to the late: each one once, by the outbox."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import User
from pusselbit.core.formatting import format_long_date
from pusselbit.core.mail import queue_mail

from ..models import ReminderSent, Report, ReportStatus, Requirement

# Who at a recipient is told: its local coordinators and the municipality's other contacts.
REMINDED_ROLES = [Role.LOCAL_COORDINATOR, Role.INITIATOR, Role.FINANCE_OFFICER]


def due_reminders(today: datetime.date):
    """(requirement, recipient, key) for every reminder due on `today` and not yet sent."""
    due = []
    requirements = Requirement.objects.prefetch_related("recipients")
    submitted = set(
        Report.objects.filter(status=ReportStatus.SUBMITTED).values_list(
            "requirement_id", "recipient_id"
        )
    )
    sent = set(ReminderSent.objects.values_list("requirement_id", "recipient_id", "key"))
    for requirement in requirements:
        days_left = (requirement.deadline - today).days
        if days_left < 0:
            point = "late"
        else:
            passed = [d for d in requirement.remind_days_before if days_left <= d]
            if not passed:
                continue
            point = f"before-{min(passed)}"
        # The deadline is part of the key: when the coordinator moves it, the reminders count
        # down to the new date afresh, and none is sent twice for the same date.
        key = f"{point}:{requirement.deadline.isoformat()}"
        for recipient in requirement.recipients.all():
            if (requirement.pk, recipient.pk) in submitted:
                continue
            if (requirement.pk, recipient.pk, key) in sent:
                continue
            due.append((requirement, recipient, key))
    return due


def _addresses(requirement, recipient) -> list[str]:
    users = (
        User.objects.filter(
            is_active=True,
            memberships__region=requirement.region,
            memberships__organisation=recipient,
            memberships__role__in=REMINDED_ROLES,
        )
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


def send_reminders(today: datetime.date | None = None) -> int:
    """Queue every due reminder once (default: for today's date in Sweden); the number queued.

    A reminder recorded as sent is never sent again, even when two runs overlap: the unique
    ReminderSent row and the outbox message (core.mail) are written in one transaction, and the
    outbox sends that message once, after the commit."""
    today = today or timezone.localdate()
    count = 0
    for requirement, recipient, key in due_reminders(today):
        addresses = _addresses(requirement, recipient)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    requirement=requirement, recipient=recipient, key=key, addresses=addresses
                )
                if addresses and _queue(requirement, recipient, addresses, today):
                    count += 1
        except IntegrityError:
            continue  # another run got there first
    return count


def _queue(requirement, recipient, addresses, today):
    with translation.override(settings.LANGUAGE_CODE):
        days = (requirement.deadline - today).days
        subject = (
            _("Reminder: %(report)s is due %(date)s")
            if days >= 0
            else _("Late: %(report)s was due %(date)s")
        ) % {
            "report": f"{requirement.get_kind_display()} {requirement.agreement}",
            "date": format_long_date(requirement.deadline),
        }
        body = _(
            "%(recipient)s has not yet submitted its %(report)s for %(agreement)s. "
            "The deadline is %(date)s."
        ) % {
            "recipient": recipient.name,
            "report": requirement.get_kind_display().lower(),
            "agreement": requirement.agreement,
            "date": format_long_date(requirement.deadline),
        }
    return queue_mail(to=addresses, subject=subject, body=body, region=requirement.region)
