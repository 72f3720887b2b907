"""Reminder e-mails before a deadline and to the late: each one once, by the outbox."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pusselbit.accounts.enums import Role
from pusselbit.accounts.queries import members_with_roles, memberships_in
from pusselbit.core.formatting import format_long_date
from pusselbit.core.mail import queue_mail

from ..enums import ReportStatus
from ..models import ReminderSent, Report, Requirement

logger = logging.getLogger(__name__)

# Who at a recipient is told: its local coordinators and the municipality's other contacts.
REMINDED_ROLES = [Role.LOCAL_COORDINATOR, Role.INITIATOR, Role.FINANCE_OFFICER]


class Unreachable:
    """Why a recipient cannot be reminded: nobody to write to."""

    NO_ACCOUNT = "no_account"
    NO_ROLE = "no_role"
    NO_ADDRESS = "no_address"


def unreachable_reason(memberships) -> str | None:
    """Why nobody of a recipient would get its reminder, from its memberships in the region
    (with their users), or None when someone would."""
    if not memberships:
        return Unreachable.NO_ACCOUNT
    reminded = [m for m in memberships if m.role in REMINDED_ROLES]
    if not reminded:
        return Unreachable.NO_ROLE
    if not any(m.user.is_active and m.user.email for m in reminded):
        return Unreachable.NO_ADDRESS
    return None


def reason_text(reason: str) -> str:
    roles = ", ".join(str(Role(role).label).lower() for role in REMINDED_ROLES)
    return {
        Unreachable.NO_ACCOUNT: _("No user account works for the organisation."),
        Unreachable.NO_ROLE: _(
            "None of the organisation's users has a role that is reminded (%(roles)s)."
        )
        % {"roles": roles},
        Unreachable.NO_ADDRESS: _(
            "The users who would be reminded have no e-mail address or are deactivated."
        ),
    }[reason]


@dataclass
class NotReminded:
    recipient: object
    reason: str
    last_attempt: datetime.datetime | None  # a reminder that was due and went to nobody

    @property
    def reason_text(self) -> str:
        return reason_text(self.reason)


def not_reminded(requirements) -> dict[int, list[NotReminded]]:
    """requirement id → the recipients that have not submitted and that no reminder reaches,
    with why and when a reminder last went to nobody. Three queries, however many
    requirements and recipients."""
    requirements = list(requirements)
    if not requirements:
        return {}
    submitted = set(
        Report.objects.filter(
            requirement__in=requirements, status=ReportStatus.SUBMITTED
        ).values_list("requirement_id", "recipient_id")
    )
    recipient_ids = {o.pk for r in requirements for o in r.recipients.all()}
    regions = {r.region_id for r in requirements}
    holders: dict[tuple[int, int], list] = {}
    for membership in memberships_in(regions, organisations=recipient_ids):
        key = (membership.region_id, membership.organisation_id)
        holders.setdefault(key, []).append(membership)
    attempts: dict[tuple[int, int], datetime.datetime] = {}
    for requirement_id, recipient_id, addresses, sent_at in ReminderSent.objects.filter(
        requirement__in=requirements
    ).values_list("requirement_id", "recipient_id", "addresses", "sent_at"):
        key = (requirement_id, recipient_id)
        if not addresses and (key not in attempts or attempts[key] < sent_at):
            attempts[key] = sent_at
    result: dict[int, list[NotReminded]] = {}
    for requirement in requirements:
        rows = []
        for recipient in requirement.recipients.all():
            if (requirement.pk, recipient.pk) in submitted:
                continue
            reason = unreachable_reason(holders.get((requirement.region_id, recipient.pk), []))
            if reason is not None:
                rows.append(
                    NotReminded(recipient, reason, attempts.get((requirement.pk, recipient.pk)))
                )
        result[requirement.pk] = rows
    return result


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
        members_with_roles(requirement.region, REMINDED_ROLES, organisation=recipient)
        .filter(is_active=True)
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def send_reminders(today: datetime.date | None = None, *, unreached: list | None = None) -> int:
    """Queue every due reminder once (default: for today's date in Sweden); the number queued.
    A due reminder with nobody to send it to is recorded all the same (with no addresses, so
    the coordinator's overview can say so) and added to `unreached` as (requirement,
    recipient); it is never just skipped.

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
        if not addresses:
            logger.warning(
                "No one to remind of %s at %s (requirement %s)",
                key,
                recipient,
                requirement.pk,
            )
            if unreached is not None:
                unreached.append((requirement, recipient))
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
