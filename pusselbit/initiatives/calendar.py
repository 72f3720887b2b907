"""A meeting as an iCalendar event (RFC 5545, with RFC 5546's methods for invitations).

The UID is the meeting's for good, and SEQUENCE is its version (Meeting.sequence): a calendar
that receives the event again, with a higher sequence, updates or (METHOD:CANCEL) removes the
one it holds instead of adding another."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from pusselbit.core.middleware import site_url

# RFC 5546's methods: a file to download publishes the event, an invitation requests an answer.
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def meeting_url(meeting) -> str:
    return site_url(reverse("initiatives:meeting_detail", args=[meeting.region.slug, meeting.pk]))


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.pk}-{meeting.region.slug}@pusselbit"


def agenda_titles(meeting) -> list[str]:
    return list(meeting.agenda.order_by("order", "pk").values_list("initiative__title", flat=True))


def description(meeting, titles=None) -> str:
    """The event's text: the kind of meeting and the numbered agenda, in the site's language."""
    titles = agenda_titles(meeting) if titles is None else titles
    with translation.override(settings.LANGUAGE_CODE):
        lines = [meeting.get_kind_display()]
        if titles:
            lines += ["", _("Agenda:"), *(f"{n}. {t}" for n, t in enumerate(titles, 1))]
    return "\n".join(lines)


def _address(email: str, name: str = "", **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def organiser(meeting) -> tuple[str, str]:
    """Who answers go to: whoever planned the meeting, or the platform's sender address."""
    creator = meeting.created_by
    if creator is not None and creator.email:
        return creator.email, str(creator)
    return settings.DEFAULT_FROM_EMAIL, meeting.region.name


def meeting_calendar(meeting, *, method: str = PUBLISH, invitations=()) -> bytes:
    """The meeting as a calendar with one event; with its attendees (the invitations that have
    an address) for an invitation or a cancellation."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", description(meeting))
    event.add("url", meeting_url(meeting))
    cancelled = method == CANCEL or meeting.cancelled_at is not None
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if method != PUBLISH:
        email, name = organiser(meeting)
        event.add("organizer", _address(email, name))
        for invitation in invitations:
            if invitation.address:
                event.add(
                    "attendee",
                    _address(
                        invitation.address,
                        str(invitation),
                        ROLE="REQ-PARTICIPANT",
                        PARTSTAT={"yes": "ACCEPTED", "no": "DECLINED"}.get(
                            invitation.answer, "NEEDS-ACTION"
                        ),
                        RSVP="TRUE" if method == REQUEST else "FALSE",
                    ),
                )
    calendar = Calendar()
    calendar.add("prodid", "-//Pusselbit//Meetings//SV")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()
