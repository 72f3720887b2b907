"""Notifications in a real browser: Blekinge's initiator sees the unread count in the header,
opens the list, marks one notice and then all read, and chooses the daily digest; every page
passes axe, in Swedish and in English."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.notifications.domain import delivery_of, notify
from pusselbit.notifications.models import Notification
from pusselbit.organisations.models import Region

pytestmark = pytest.mark.browser

USERNAME = "blekinge-initiativtagare"


def _unread(user) -> int:
    return (
        Notification.objects.filter(
            recipient=user, read_at__isnull=True, region__memberships__user=user
        )
        .distinct()
        .count()
    )


def _named(count: int) -> str:
    return f"Aviseringar {count} {'oläst' if count == 1 else 'olästa'}"


def test_initiator_reads_notifications_and_chooses_the_digest(
    page, demo, sign_in, assert_accessible
):
    user = User.objects.get(username=USERNAME)
    blekinge = Region.objects.get(slug="blekinge")
    for title in ("Träffpunkt för äldre", "Samtalsstöd för unga vuxna"):
        notify(
            [user],
            region=blekinge,
            kind="decided",
            subject=f"Beslut om {title}: beviljad",
            body="Beslutet är registrerat.",
            url="/regioner/blekinge/",
        )
    unread = _unread(user)
    assert unread >= 2

    sign_in(page, USERNAME)
    link = page.locator(".site-tools").get_by_role("link", name=re.compile("^Aviseringar"))
    expect(link).to_have_accessible_name(_named(unread))
    assert_accessible(page)

    link.click()
    expect(page.locator("h1")).to_have_text("Aviseringar")
    newest = page.locator(".notification").first
    expect(newest).to_contain_text("Beslut om Samtalsstöd för unga vuxna: beviljad")
    expect(newest.locator(".badge")).to_have_text("Oläst")
    assert_accessible(page)

    newest.get_by_role("button", name=re.compile("^Markera som läst")).click()
    expect(link).to_have_accessible_name(_named(unread - 1))
    expect(page.locator(".notification").first.locator(".badge")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Markera alla som lästa").click()
    expect(page.locator(".messages")).to_contain_text("markerade som lästa")
    expect(link).to_have_accessible_name("Aviseringar")
    expect(page.locator(".notification--unread")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("I ett e-brev om dagen (daglig sammanfattning)").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Sparat: I ett e-brev om dagen")
    expect(page.get_by_label("I ett e-brev om dagen (daglig sammanfattning)")).to_be_checked()
    assert delivery_of(user) == "digest"
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Notifications")
    expect(page.get_by_label("In one e-mail a day (daily digest)")).to_be_checked()
    assert_accessible(page)
