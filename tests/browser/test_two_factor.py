"""Two-step verification in a real browser: a finance officer turns on an authenticator app
(the test works out the app's codes from the key the page shows, as the app would), saves the
recovery codes, signs out and signs in again with the password and a code. Every page passes
axe and reflows at 320 px."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

USERNAME = "blekinge-ekonom"


def app_code(key_text: str) -> str:
    return f"{totp(b32decode(key_text.replace(' ', ''))):06d}"


def next_app_code(key_text: str) -> str:
    """The app's next code the device will take: its time step (with the clock drift the
    device learnt when it was turned on, if the 30 seconds turned meanwhile) and after the step
    already used, so signing in right after turning it on does not depend on the clock."""
    device = TOTPDevice.objects.get(user__username=USERNAME)
    now = int(time.time() - device.t0) // device.step + device.drift
    step = max(now, device.last_t + 1)
    assert step <= now + device.tolerance
    return f"{hotp(b32decode(key_text.replace(' ', '')), step):06d}"


def fits_320(page) -> None:
    """No sideways scrolling at 320 px (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_finance_officer_turns_on_an_app_and_signs_in_with_a_code(
    page, demo, sign_in, assert_accessible
):
    sign_in(page, USERNAME)
    assert_accessible(page)
    page.get_by_role("navigation").get_by_role("link", name="Tvåstegsverifiering").click()
    expect(page.locator("h1")).to_have_text("Tvåstegsverifiering")
    expect(page.locator(".facts")).to_contain_text("Av")
    assert_accessible(page)

    page.get_by_role("link", name="Slå på tvåstegsverifiering").click()
    qr = page.get_by_role("img", name="QR-kod med nyckeln till din autentiseringsapp")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100  # drawn on the server, shown inline
    key = page.locator(".secret-key").inner_text()
    assert_accessible(page)
    fits_320(page)

    # A wrong code first: the error is by the field, and the same key stays.
    right = app_code(key)
    page.get_by_label("Kod").fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name="Slå på").click()
    expect(page.locator(".error-summary")).to_contain_text("Koden är fel")
    expect(page.get_by_label("Kod")).to_have_attribute("aria-invalid", "true")
    assert page.locator(".secret-key").inner_text() == key
    assert_accessible(page)

    page.wait_for_timeout(1100)  # django-otp's wait after a wrong code
    page.get_by_label("Kod").fill(right)
    page.get_by_role("button", name="Slå på").click()
    expect(page.locator("h1")).to_have_text("Återställningskoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    fits_320(page)
    page.get_by_role("link", name="Jag har sparat koderna").click()
    expect(page.locator(".facts")).to_contain_text("På")
    assert_accessible(page)

    page.get_by_role("banner").get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/konto/logga-in/")
    assert_accessible(page)
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button").click()
    page.wait_for_url("**/konto/logga-in/kod/")
    expect(page.locator("h1")).to_have_text("Ange din kod")
    assert_accessible(page)
    page.get_by_label("Kod").fill(next_app_code(key))
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()
    assert_accessible(page)
