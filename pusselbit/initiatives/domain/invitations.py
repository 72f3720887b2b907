"""Meetings that reach people: invitations sent by e-mail with the agenda and the calendar
event, updates and cancellations that replace it, the invitees' answers, inviting a body or a
role at once, the minutes shared with the attendees, and the members' own notes.

Every mail goes through the outbox (core.mail) in the transaction of the change; every write
has its audit entry."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pusselbit.accounts.queries import memberships_in
from pusselbit.core import audit
from pusselbit.core.formatting import format_long_datetime
from pusselbit.core.mail import queue_mail
from pusselbit.core.middleware import site_url
from pusselbit.core.permissions import require
from pusselbit.notifications.domain import notify
from pusselbit.notifications.enums import NoticeKind

from .. import calendar
from ..enums import ROLE_INVITEES, Answer, MeetingKind
from ..models import Invitation, Meeting, MeetingNote
from .meetings import MANAGE, changed, check_not_cancelled


@transaction.atomic
def invite_by_role(meeting, roles, *, actor) -> list[Invitation]:
    """Invite every user of the region who holds one of `roles` (ROLE_INVITEES' keys): a body
    such as the coordination group or LSVO, or the analysts and communicators. Whoever is
    invited already is skipped; a user with several of the roles is invited once, under the
    first in ROLE_INVITEES' order. Side effects: the invitations and an audit entry."""
    require(actor, MANAGE, meeting.region)
    check_not_cancelled(meeting)
    unknown = set(roles) - set(ROLE_INVITEES)
    if unknown or not roles:
        raise ValidationError({"roles": _("Choose one or more roles.")})
    order = [role for role in ROLE_INVITEES if role in roles]
    invited_users = set(meeting.invitations.exclude(user=None).values_list("user_id", flat=True))
    written = meeting.invitations.values_list("email", flat=True)
    invited_addresses = {address.lower() for address in written if address}
    memberships = sorted(
        memberships_in([meeting.region], roles=order),
        key=lambda m: (order.index(m.role), m.user.last_name, m.user.first_name, m.user.pk),
    )
    made = []
    for membership in memberships:
        user = membership.user
        if not user.is_active or user.pk in invited_users:
            continue
        if user.email and user.email.lower() in invited_addresses:
            continue
        invited_users.add(user.pk)
        made.append(
            Invitation.objects.create(
                meeting=meeting,
                role=ROLE_INVITEES[membership.role],
                user=user,
                organisation=membership.organisation,
            )
        )
    audit.record(
        "meeting.invited_by_role",
        meeting,
        actor=actor,
        roles=order,
        invitees=[str(invitation) for invitation in made],
    )
    return made


def _when(meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    text = format_long_datetime(start)
    return (
        f"{text}–{end:%H:%M}"
        if end.date() == start.date()
        else f"{text} – " + (format_long_datetime(end))
    )


def _invitation_mail(meeting, invitation, *, method, titles) -> tuple[str, str]:
    """The subject and text of an invitation, an update or a cancellation, in Swedish."""
    values = {"title": meeting.title, "when": _when(meeting), "region": meeting.region.name}
    if method == calendar.CANCEL:
        subject = _("Cancelled: %(title)s, %(when)s") % values
        lead = _("The meeting %(title)s on %(when)s is cancelled.") % values
    elif invitation.sent_sequence is not None:
        subject = _("Changed: %(title)s, %(when)s") % values
        lead = _("The meeting %(title)s has changed. This is how it stands now.") % values
    else:
        subject = _("Invitation: %(title)s, %(when)s") % values
        lead = _("You are invited to %(title)s in %(region)s.") % values
    lines = [lead, "", _("When: %(when)s") % values]
    if meeting.location:
        lines.append(_("Place: %(place)s") % {"place": meeting.location})
    if method != calendar.CANCEL:
        lines += ["", calendar.description(meeting, titles)]
        if meeting.kind == MeetingKind.LSVO and titles:
            # LSVO reads the proposals before the meeting: all of them in one file.
            lines += [
                "",
                _("The proposals on the agenda, in one file: %(url)s")
                % {
                    "url": site_url(
                        reverse(
                            "initiatives:meeting_proposals_pdf",
                            args=[meeting.region.slug, meeting.pk],
                        )
                    )
                },
            ]
        if invitation.user_id:
            lines += ["", _("Answer whether you are coming on your start page in Pusselbit.")]
    lines += ["", _("The calendar event is attached."), calendar.meeting_url(meeting)]
    return subject, "\n".join(lines)


def _mail(meeting, invitations, *, method) -> int:
    """Queue the invitation (or the cancellation) to each of `invitations` with an address, the
    calendar event attached, and record the version each was sent. The number queued."""
    titles = calendar.agenda_titles(meeting)
    everyone = list(meeting.invitations.select_related("user"))
    ics = calendar.meeting_calendar(meeting, method=method, invitations=everyone).decode()
    filename = f"mote-{meeting.pk}.ics"
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in invitations:
            if not invitation.address:
                continue
            subject, body = _invitation_mail(meeting, invitation, method=method, titles=titles)
            mail = queue_mail(
                to=[invitation.address],
                subject=subject,
                body=body,
                region=meeting.region,
                attachments=[(filename, ics, "text/calendar")],
            )
            Invitation.objects.filter(pk=invitation.pk).update(sent_sequence=meeting.sequence)
            count += mail is not None
    return count


def _tell_in_product(meeting, invitations, *, method, actor) -> None:
    """The invited users' notifications of the invitation (or its change, or the cancellation),
    seen in the product: the mail itself, with its calendar event, is the invitation's own. The
    newly invited and those told of a change read what their mail says."""
    titles = calendar.agenda_titles(meeting)
    url = reverse("initiatives:meeting_detail", args=[meeting.region.slug, meeting.pk])
    first = [i for i in invitations if i.user_id and i.sent_sequence is None]
    again = [i for i in invitations if i.user_id and i.sent_sequence is not None]
    for group in (first, again):
        if not group:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _invitation_mail(meeting, group[0], method=method, titles=titles)
        notify(
            [invitation.user for invitation in group],
            region=meeting.region,
            kind=NoticeKind.MEETING_INVITATION,
            subject=subject,
            body=body,
            url=url,
            actor=actor,
            by_mail=False,
        )


def unsent(meeting):
    """The invitations that have not received the meeting as it stands now."""
    return meeting.invitations.filter(
        Q(sent_sequence=None) | Q(sent_sequence__lt=meeting.sequence)
    ).select_related("user", "organisation")


@transaction.atomic
def send_invitations(meeting, *, actor) -> int:
    """Mail the invitation, with the agenda and the calendar event, to everyone invited who has
    not received this version of it: a first invitation to the newly invited, an update to
    those who received an earlier one. Those without an e-mail address are skipped (the page
    says who). Side effects: the mail and an audit entry. The number of messages queued."""
    require(actor, MANAGE, meeting.region)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_not_cancelled(meeting)
    waiting = list(unsent(meeting))
    count = _mail(meeting, waiting, method=calendar.REQUEST)
    _tell_in_product(meeting, waiting, method=calendar.REQUEST, actor=actor)
    audit.record(
        "meeting.invitations_sent",
        meeting,
        actor=actor,
        sequence=meeting.sequence,
        recipients=[invitation.address for invitation in waiting if invitation.address],
    )
    return count


@transaction.atomic
def update_meeting(meeting, *, actor, title, starts_at, ends_at, location, kind=None) -> Meeting:
    """Change what the meeting is (title, time, place): a new version, which the next sending
    mails as an update to everyone invited. Side effects: the meeting and an audit entry."""
    require(actor, MANAGE, meeting.region)
    check_not_cancelled(meeting)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    before = {
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
    }
    meeting.title, meeting.location = title, location
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if kind:
        meeting.kind = kind
    meeting.save(update_fields=["title", "starts_at", "ends_at", "location", "kind"])
    changed(meeting)
    audit.record("meeting.updated", meeting, actor=actor, before=before, title=title)
    return meeting


@transaction.atomic
def cancel_meeting(meeting, *, actor) -> int:
    """Cancel the meeting: everyone who received the invitation gets the cancellation, which
    removes the event from their calendar. A cancelled meeting is kept (it is no longer
    changed). Side effects: the meeting, the mail and an audit entry; the number queued."""
    require(actor, MANAGE, meeting.region)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_not_cancelled(meeting)
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    changed(meeting)
    told = list(meeting.invitations.exclude(sent_sequence=None).select_related("user"))
    count = _mail(meeting, told, method=calendar.CANCEL)
    _tell_in_product(meeting, told, method=calendar.CANCEL, actor=actor)
    audit.record("meeting.cancelled", meeting, actor=actor, told=len(told))
    return count


@transaction.atomic
def answer(invitation, *, actor, coming: bool) -> Invitation:
    """The invitee's own answer: coming or not. Only the invited user answers, and may change
    the answer until the meeting has ended. Side effects: the invitation and an audit entry."""
    if invitation.user_id != actor.pk:
        raise ValidationError(_("Only the invitee answers the invitation."))
    meeting = invitation.meeting
    check_not_cancelled(meeting)
    if meeting.ends_at < timezone.now():
        raise ValidationError(_("The meeting has taken place."))
    invitation.answer = Answer.YES if coming else Answer.NO
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    audit.record("meeting.answered", meeting, actor=actor, answer=invitation.answer)
    return invitation


def attendees(meeting):
    """Those the minutes go to: everyone invited who did not say they were not coming."""
    return meeting.invitations.exclude(answer=Answer.NO).select_related("user")


@transaction.atomic
def share_minutes(meeting, *, actor) -> int:
    """Mail the meeting's minutes to its attendees (who have an address). Side effects: the
    mail, the time they were shared and an audit entry; the number of messages queued."""
    require(actor, MANAGE, meeting.region)
    if not meeting.notes.strip():
        raise ValidationError({"notes": _("Write the minutes before sharing them.")})
    addresses = sorted({i.address.lower() for i in attendees(meeting) if i.address})
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Minutes: %(title)s") % {"title": meeting.title}
        body = "\n".join(
            [
                _("The minutes of %(title)s, %(when)s:")
                % {"title": meeting.title, "when": _when(meeting)},
                "",
                meeting.notes,
                "",
                calendar.meeting_url(meeting),
            ]
        )
    count = sum(
        queue_mail(to=[address], subject=subject, body=body, region=meeting.region) is not None
        for address in addresses
    )
    Meeting.objects.filter(pk=meeting.pk).update(minutes_sent_at=timezone.now())
    audit.record("meeting.minutes_shared", meeting, actor=actor, recipients=addresses)
    return count


@transaction.atomic
def add_member_note(meeting, text: str, *, actor) -> MeetingNote:
    """A note of the actor's own on the meeting (a member of the coordination group, or anyone
    invited to it). Side effects: the note and an audit entry."""
    require(actor, "initiatives.add_meeting_note", meeting)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = MeetingNote.objects.create(meeting=meeting, author=actor, text=text.strip())
    audit.record("meeting.member_note_added", meeting, actor=actor)
    return note
