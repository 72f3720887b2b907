"""An invitation to a role, end to end: a region administrator invites a person by e-mail; the
person opens the link from the mail, sets up an account and lands in the region. Every page
passes axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.organisations.models import Organisation

pytestmark = pytest.mark.browser

PASSWORD = "ett-bra-losenord-77"


def test_administrator_invites_and_the_invitee_sets_up_an_account_and_lands_in_the_region(
    page, demo, sign_in, assert_accessible
):
    sign_in(page, "blekinge-administrator")
    page.get_by_role("link", name="Regionadministration").click()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Inbjudningar").click()
    expect(page.locator("h1")).to_contain_text("Inbjudningar till")
    assert_accessible(page)

    page.get_by_role("link", name="Bjud in en person").click()
    page.get_by_label("E-post").fill("dora@example.org")
    page.get_by_label("Namn").fill("Dora Ek")
    karlskrona = Organisation.objects.get(region__slug="blekinge", name="Karlskrona")
    page.get_by_label("Organisation").select_option(value=str(karlskrona.pk))
    page.get_by_label("Roll").select_option(label="Lokal samordnare")
    assert_accessible(page)
    page.locator("main").get_by_role("button", name="Skicka inbjudan").click()

    expect(page.locator(".messages")).to_contain_text("En inbjudan skickas till dora@example.org")
    expect(page.locator("tbody")).to_contain_text("dora@example.org")
    assert_accessible(page)

    [message] = [sent for sent in mail.outbox if sent.to == ["dora@example.org"]]
    link = re.search(r"https?://\S+/konto/inbjudan/\S+/", message.body).group(0)
    page.context.clear_cookies()  # the invitee, on another computer
    page.goto(link)
    expect(page.locator("main")).to_contain_text("som Lokal samordnare för Karlskrona")
    assert_accessible(page)

    page.get_by_label("Användarnamn").fill("dora")
    page.get_by_label("Förnamn").fill("Dora")
    page.get_by_label("Efternamn").fill("Ek")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordsbekräftelse").fill("något annat")
    page.locator("main").get_by_role("button", name="Skapa kontot och tacka ja").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Användarnamn")).to_have_value("dora")
    assert_accessible(page)

    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordsbekräftelse").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Skapa kontot och tacka ja").click()

    expect(page.locator(".messages")).to_contain_text(
        "Välkommen till Region Blekinge: du är nu Lokal samordnare för Karlskrona."
    )
    region = page.locator("section", has=page.locator("#region-blekinge"))
    expect(region).to_contain_text("Lokal samordnare, Karlskrona")
    assert_accessible(page)
    assert User.objects.get(username="dora").email == "dora@example.org"
