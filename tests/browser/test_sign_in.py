"""Signing in, tried the way a guesser would: after too many wrong passwords the sign-in pauses,
with a page that passes axe and tells nobody whether the account exists."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_too_many_wrong_passwords_pause_signing_in_with_an_accessible_page(
    page, demo, assert_accessible
):
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill("blekinge-lanssamordnare")
        page.locator("#id_password").fill(f"fel-{attempt}")
        page.locator("main").get_by_role("button").click()
        page.wait_for_load_state("load")
        if attempt == 0:
            assert_accessible(page)  # the form again, with its error next to it

    expect(page.locator("h1")).to_have_text("Inloggningen är tillfälligt spärrad")
    expect(page.locator("main")).to_contain_text("för många misslyckade försök")
    expect(page.get_by_role("link", name="Välj ett nytt lösenord")).to_be_visible()
    assert_accessible(page)

    # The right password does not open it either while it is paused.
    page.goto("/konto/logga-in/")
    page.locator("#id_username").fill("blekinge-lanssamordnare")
    page.locator("#id_password").fill("pusselbit-demo")
    page.locator("main").get_by_role("button").click()
    expect(page.locator("h1")).to_have_text("Inloggningen är tillfälligt spärrad")
    assert_accessible(page)
