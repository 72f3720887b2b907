"""Meetings that reach people, end to end: Blekinge's county coordinator plans a
coordination-group meeting and a kvalitetscafé, puts an initiative on each agenda, invites the
group by role and the forum's people for the initiative, and sends the invitations; every
invitee's mail carries the agenda and a calendar event that parses, with the meeting's UID. A
member of the group answers from the start page. Every page passes axe."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from pusselbit.initiatives.models import Initiative, Invitation, Meeting

pytestmark = pytest.mark.browser


def _plan(page, assert_accessible, *, kind: str, title: str, day: datetime.date) -> Meeting:
    page.goto(page.url.split("/regioner/")[0] + "/regioner/blekinge/moten/nytt/")
    page.locator("#id_kind").select_option(value=kind)
    page.locator("#id_title").fill(title)
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d}T13:00")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T15:30")
    page.locator("#id_location").fill("Regionhuset, Karlskrona")
    assert_accessible(page)
    page.locator("main").get_by_role("button", name="Spara mötet").click()
    expect(page.locator("h1")).to_have_text(title)
    return Meeting.objects.get(title=title)


def _put_on_agenda(page, initiative) -> None:
    page.locator("#id_agenda-initiative").select_option(value=str(initiative.pk))
    page.locator("main").get_by_role("button", name="Lägg till på dagordningen").click()
    expect(page.locator("#agenda")).to_contain_text(initiative.title)


def _send(page, assert_accessible) -> None:
    assert_accessible(page)
    page.locator("#invitations").get_by_role("button", name="Skicka inbjudan till").click()
    expect(page.locator(".messages")).to_contain_text("Inbjudan är skickad till")
    expect(page.locator("#invitations")).to_contain_text("Alla inbjudna som har en e-postadress")
    assert_accessible(page)


def _check_mail(meeting: Meeting, initiative: Initiative) -> None:
    """Each invitee with an address has one invitation: the agenda in the text, and a calendar
    event that parses, for this meeting, with the invitee among the attendees."""
    addresses = [i.address for i in meeting.invitations.select_related("user") if i.address]
    assert addresses
    for address in addresses:
        [message] = [m for m in mail.outbox if m.to == [address] and meeting.title in m.subject]
        assert message.subject.startswith(f"Inbjudan: {meeting.title}")
        assert f"1. {initiative.title}" in message.body
        [(filename, content, mimetype)] = message.attachments
        assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
        calendar = Calendar.from_ical(content)
        [event] = calendar.walk("VEVENT")
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]).startswith(f"meeting-{meeting.pk}-blekinge@")
        assert event.decoded("dtstart") == meeting.starts_at
        assert initiative.title in str(event["description"])
        attendees = (
            event["attendee"] if isinstance(event["attendee"], list) else [event["attendee"]]
        )
        assert f"mailto:{address}" in {str(a) for a in attendees}


def test_coordinator_invites_a_group_and_a_forum_and_a_member_answers_on_the_start_page(
    page, demo, sign_in, assert_accessible
):
    day = timezone.localdate() + datetime.timedelta(days=10)
    idea = Initiative.objects.get(region__slug="blekinge", stage__key="samordningsgrupp")
    drafting = Initiative.objects.get(region__slug="blekinge", stage__key="underlag")
    sign_in(page, "blekinge-lanssamordnare")

    group = _plan(
        page,
        assert_accessible,
        kind="coordination_group",
        title="Samordningsgruppen, test",
        day=day,
    )
    _put_on_agenda(page, idea)
    page.get_by_label("Ledamot i samordningsgruppen").check()
    page.locator("main").get_by_role("button", name="Bjud in dem som har rollerna").click()
    expect(page.locator(".messages")).to_contain_text("inbjuden")
    expect(page.locator("#invitations tbody")).to_contain_text("Ledamot i samordningsgruppen")
    _send(page, assert_accessible)
    _check_mail(group, idea)

    forum = _plan(
        page, assert_accessible, kind="dialogue_forum", title="Kvalitetscafé, test", day=day
    )
    _put_on_agenda(page, drafting)
    page.locator("#id_forum-initiative").select_option(value=str(drafting.pk))
    page.locator("main").get_by_role("button", name="Bjud in efter roll").click()
    expect(page.locator("#invitations tbody")).to_contain_text("Idéägare")
    _send(page, assert_accessible)
    _check_mail(forum, drafting)
    assert forum.invitations.filter(user=drafting.owner).exists()

    # A member of the group, on their start page.
    page.context.clear_cookies()
    sign_in(page, "blekinge-samordningsgrupp")
    meetings = page.locator("#meetings")
    expect(meetings).to_contain_text("Samordningsgruppen, test")
    assert_accessible(page)
    meetings.get_by_role("button", name="Kommer till Samordningsgruppen, test").click()
    expect(page.locator(".messages")).to_contain_text("Du kommer till Samordningsgruppen, test.")
    expect(page.locator("h1")).to_contain_text("Välkommen")
    assert_accessible(page)
    member = Invitation.objects.get(meeting=group, user__username="blekinge-samordningsgrupp")
    assert member.answer == "yes"
