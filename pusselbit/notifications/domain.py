"""Telling people what happened: every notification is made here, and mailed through the outbox
(core.mail) as its recipient chose: each at once, or gathered into one daily digest.

The apps that have something to tell (initiatives: a submission, a decision) write the words
and call `notify` inside the transaction of the change, so a notice exists exactly when the
change does and its mail goes out after the commit."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pusselbit.accounts.models import User
from pusselbit.core import audit
from pusselbit.core.formatting import format_long_datetime
from pusselbit.core.mail import is_silenced, queue_mail
from pusselbit.core.middleware import site_url
from pusselbit.core.permissions import require
from pusselbit.core.validators import one_line

from .enums import Delivery, Mailing
from .models import Notification, NotificationPreference


def delivery_of(user) -> str:
    """How `user` wants to be told (at once, unless they chose the digest)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def _recipients(recipients: Iterable, actor) -> tuple[list[User], list[str]]:
    """The users and the plain addresses to tell, each once: not the actor (unless None is
    given), no deactivated account, and no address that is already one of the users'."""
    users: dict[int, User] = {}
    addresses: dict[str, str] = {}
    for recipient in recipients:
        if isinstance(recipient, User):
            if recipient.is_active and recipient.pk not in users:
                users[recipient.pk] = recipient
        elif recipient and recipient.strip():
            addresses.setdefault(recipient.strip().lower(), recipient.strip())
    if actor is not None and actor.is_authenticated:
        users.pop(actor.pk, None)
        if actor.email:
            addresses.pop(actor.email.lower(), None)
    for user in users.values():
        if user.email:
            addresses.pop(user.email.lower(), None)
    return sorted(users.values(), key=lambda u: u.username), sorted(addresses.values())


def _mail_body(body: str, url: str, *, for_user: bool) -> str:
    """The notice's text with its link, and where a user changes how they are told. Someone who
    is no user gets no link: it leads to a sign-in they cannot pass."""
    parts = [body.strip()]
    if for_user:
        if url:
            parts.append(site_url(url))
        parts.append(
            _("You are told of this at once. To get one e-mail a day instead: %(url)s")
            % {"url": site_url(reverse("notifications:list"))}
        )
    return "\n\n".join(part for part in parts if part) + "\n"


def notify(
    recipients: Iterable,
    *,
    region,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    actor=None,
    receipt: bool = False,
    by_mail: bool = True,
) -> list[Notification]:
    """Tell `recipients` (users and/or e-mail addresses of people who are no users) of one
    thing, within the caller's transaction. Each is told once, and the actor, who knows what
    they did, not at all, unless the notice is a `receipt` (of a submission, say).

    Side effects: one Notification per recipient; for each user who wants mail at once and for
    each plain address, one message in the outbox (sent after the commit). A user who chose the
    digest gets theirs from `send_digests`. Within core.mail.silenced (the demo) nothing is
    mailed: users' notices are made to be seen in the product, addresses get none. Without
    `by_mail` (the thing has its own mail, such as a meeting's invitation with its calendar
    event) the users' notices are only seen in the product, and addresses get none."""
    users, addresses = _recipients(recipients, None if receipt else actor)
    silenced = is_silenced() or not by_mail
    if silenced:
        addresses = []
    preferences = dict(
        NotificationPreference.objects.filter(user__in=users).values_list("user_id", "delivery")
    )
    actor = actor if actor is not None and actor.is_authenticated else None
    notifications = []
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            if silenced or not user.email:
                mailing = Mailing.NONE
            elif preferences.get(user.pk) == Delivery.DIGEST:
                mailing = Mailing.DIGEST
            else:
                mailing = Mailing.IMMEDIATE
            notifications.append(
                _make(user, "", mailing, region, kind, subject, body, url, actor, for_user=True)
            )
        for address in addresses:
            notifications.append(
                _make(None, address, Mailing.IMMEDIATE, region, kind, subject, body, url, actor)
            )
    return notifications


def _make(user, email, mailing, region, kind, subject, body, url, actor, *, for_user=False):
    notification = Notification(
        recipient=user,
        email=email,
        region=region,
        kind=kind,
        # One line also in the list and the digest (a title stored before titles were).
        subject=one_line(subject, Notification._meta.get_field("subject").max_length),
        body=body,
        url=url,
        actor=actor,
        mailing=mailing,
    )
    if mailing == Mailing.IMMEDIATE:
        notification.mail = queue_mail(
            to=[user.email if user else email],
            subject=subject,
            body=_mail_body(body, url, for_user=for_user),
            region=region,
        )
        notification.mailed_at = timezone.now()
    notification.save()
    return notification


@transaction.atomic
def mark_read(notification: Notification, *, actor) -> Notification:
    """Mark one of the actor's own notices read. Side effects: read_at, an audit entry."""
    require(actor, "notifications.read_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit.record("notification.read", notification, actor=actor)
    return notification


@transaction.atomic
def mark_all_read(user, *, actor) -> int:
    """Mark every unread notice of `user` read (in the regions of the caller's scope); the
    number marked. Side effects: read_at, one audit entry."""
    require(actor, "notifications.read_all_notifications", user)
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit.record("notification.all_read", user, actor=actor, count=count)
    return count


@transaction.atomic
def set_delivery(user, delivery: str, *, actor) -> NotificationPreference:
    """Choose how `user` is told: each notice at once, or one daily digest. Notices that wait
    for a digest still go out in the next one. Side effects: the preference, an audit entry."""
    require(actor, "notifications.set_delivery", user)
    delivery = Delivery(delivery)
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    if preference.delivery != delivery:
        before = preference.delivery
        preference.delivery = delivery
        preference.save(update_fields=["delivery"])
        audit.record("notification.delivery_set", user, actor=actor, changed=[before, delivery])
    return preference


def send_digests(now: datetime.datetime | None = None) -> int:
    """Put one digest in the outbox for each user with notices that wait for it (made before
    `now`), and mark those notices mailed; the number of digests. Run it daily: a notice goes in
    one digest only, so a second run (or two at once) sends nothing again."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(
        mailing=Mailing.DIGEST, mailed_at__isnull=True, created_at__lte=now
    )
    count = 0
    for user_id in waiting.values_list("recipient_id", flat=True).distinct().order_by():
        count += _send_digest(user_id, waiting)
    return count


@transaction.atomic
def _send_digest(user_id: int, waiting) -> int:
    # Locked, and read again under the lock: of two runs at once, the second finds them mailed.
    notices = list(
        waiting.filter(recipient_id=user_id)
        .select_for_update(of=("self",))  # not the regions joined for their names
        .select_related("region")
        .order_by("region__name", "created_at", "pk")
    )
    if not notices:
        return 0
    user = User.objects.get(pk=user_id)
    mail = None
    if user.is_active and user.email:
        regions = {notice.region for notice in notices}
        mail = queue_mail(
            to=[user.email],
            subject=_digest_subject(notices),
            body=_digest_body(notices),
            region=regions.pop() if len(regions) == 1 else None,
        )
    Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
        mailed_at=timezone.now(), mail=mail
    )
    return int(mail is not None)


def _digest_subject(notices) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return ngettext(
            "Pusselbit: %(count)s new notification",
            "Pusselbit: %(count)s new notifications",
            len(notices),
        ) % {"count": len(notices)}


def _digest_body(notices) -> str:
    """The notices by region, oldest first, each with its date, text and link."""
    by_region = defaultdict(list)
    for notice in notices:
        by_region[notice.region.name].append(notice)
    with translation.override(settings.LANGUAGE_CODE):
        lines = [_("What happened since your last digest:"), ""]
        for region, items in by_region.items():
            lines += [region, "=" * len(region), ""]
            for notice in items:
                lines.append(f"* {notice.subject} ({format_long_datetime(notice.created_at)})")
                lines += [f"  {line}" for line in notice.body.strip().splitlines() if line]
                if notice.url:
                    lines.append(f"  {site_url(notice.url)}")
                lines.append("")
        lines.append(
            _("You get one e-mail a day. To be told at once instead: %(url)s")
            % {"url": site_url(reverse("notifications:list"))}
        )
    return "\n".join(lines) + "\n"
