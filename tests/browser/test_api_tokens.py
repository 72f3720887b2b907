"""An analyst in Dalarna makes an API token in the browser, with the keyboard: a missing name is
refused next to the field, then the key is shown once; a program uses the key against the live
server's API; the analyst revokes the token and the program is turned away. Every page passes
axe; the tokens page reflows at 320 px."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

URL = "/regioner/dalarna/api-nycklar/"


def test_an_analyst_makes_uses_and_revokes_a_token(page, demo, sign_in, assert_accessible):
    sign_in(page, "dalarna-analytiker")
    assert_accessible(page)  # the start page, where the link is
    page.get_by_role("link", name="Dina API-nycklar i Region Dalarna").click()
    expect(page.locator("h1")).to_have_text("API-nycklar i Region Dalarna")
    assert_accessible(page)

    # Without a name: refused next to the field, the chosen access kept.
    page.get_by_label("Läsa och skriva").check()
    page.get_by_role("button", name="Skapa nyckeln").click()
    name = page.get_by_label("Vad nyckeln är till för")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Läsa och skriva")).to_be_checked()
    assert_accessible(page)

    name.fill("Statistikexport")
    page.get_by_label("Läsa", exact=True).check()
    name.press("Enter")
    expect(page.get_by_role("heading", name="Din nya nyckel")).to_be_visible()
    key = page.get_by_label("Nyckel", exact=True).input_value()
    assert key.startswith("pb_")
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})

    # A program uses the key, over HTTP, against the same server.
    answer = page.request.get("/api/v1/internal/token", headers={"Authorization": f"Bearer {key}"})
    assert answer.ok and answer.json()["region"]["slug"] == "dalarna"

    # Shown once: after a reload the key is gone from the page, the token still listed.
    page.reload()
    expect(page.get_by_role("heading", name="Din nya nyckel")).to_have_count(0)
    expect(page.locator("main table")).to_contain_text("Statistikexport")
    page.get_by_role("button", name="Återkalla – Statistikexport").click()
    expect(page.locator("main")).to_contain_text("återkallad")
    assert_accessible(page)
    answer = page.request.get("/api/v1/internal/token", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 401
