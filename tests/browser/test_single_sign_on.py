"""Signing in with the organisation's login, in the browser, through identity providers running
on 127.0.0.1: Blekinge's staff through OpenID Connect (as Entra ID), Dalarna's through a SAML
federation. Each lands in their own region, and only there."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.organisations.models import Region
from tests.accounts.sso_flow import add_oidc_provider, add_saml_provider
from tests.identity_providers import ANNA, DAVID

pytestmark = pytest.mark.browser


def sign_in_at_provider(page, person) -> None:
    """The provider's own sign-in page (not Pusselbit's: axe checks ours)."""
    page.locator("input[name=username]").fill(person.username)
    page.locator("input[name=password]").fill(person.password)
    page.locator("button[type=submit], input[type=submit]").first.click()


def test_two_regions_sign_in_through_their_own_providers(
    page, demo, live_server, oidc_provider, saml_provider, assert_accessible
):
    blekinge, dalarna = Region.objects.get(slug="blekinge"), Region.objects.get(slug="dalarna")
    add_oidc_provider(blekinge, oidc_provider, trusts_email=True)
    live_host = live_server.url.removeprefix("http://")
    add_saml_provider(dalarna, saml_provider, Client(HTTP_HOST=live_host), trusts_email=True)
    User.objects.filter(username="blekinge-lanssamordnare").update(email=ANNA.email)
    User.objects.filter(username="dalarna-ekonom").update(email=DAVID.email)

    page.goto("/konto/logga-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Logga in med Region Blekinge").click()
    page.wait_for_url(f"{oidc_provider.url}/**")
    sign_in_at_provider(page, ANNA)
    page.wait_for_url(f"{live_server.url}/")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Region Blekinge")
    expect(page.locator("main")).not_to_contain_text("Region Dalarna")
    assert page.goto("/regioner/dalarna/satsningar/").status == 404
    assert_accessible(page)

    # Signing out ends the provider's session too and comes back to the sign-in page.
    page.goto("/")
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/konto/logga-in/")
    assert_accessible(page)

    page.get_by_role("button", name="Logga in med Region Dalarna").click()
    page.wait_for_url(f"{saml_provider.url}/**")
    sign_in_at_provider(page, DAVID)
    page.wait_for_url(f"{live_server.url}/")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Region Dalarna")
    expect(page.locator("main")).not_to_contain_text("Region Blekinge")
    assert page.goto("/regioner/blekinge/satsningar/").status == 404
    assert_accessible(page)
    assert page.goto("/regioner/dalarna/medel/").status == 200
    assert_accessible(page)
