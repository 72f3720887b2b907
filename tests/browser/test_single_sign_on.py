"""Signing in with the organisation's login, in the browser, through identity providers running
on 127.0.0.1: Blekinge's administrator sets up its OpenID Connect login (as Entra ID) in the
region's pages, Dalarna's a SAML federation's; their staff sign in through them and each lands
in their own region, and only there."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from pusselbit.accounts.models import IdentityProvider, User
from tests.identity_providers import ANNA, CLIENT_ID, CLIENT_SECRET, DAVID, trust

pytestmark = pytest.mark.browser


def sign_in_at_provider(page, person) -> None:
    """The provider's own sign-in page (not Pusselbit's: axe checks ours)."""
    page.locator("input[name=username]").fill(person.username)
    page.locator("input[name=password]").fill(person.password)
    page.locator("button[type=submit], input[type=submit]").first.click()


def add_login(page, assert_accessible, fields: dict) -> None:
    """As the region's administrator: the region administration's organisation logins."""
    page.get_by_role("link", name="Regionadministration").click()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Organisationsinloggningar").click()
    assert_accessible(page)
    for label, value in fields.items():
        if value is True:
            page.get_by_label(label, exact=True).check()
        elif label == "Protokoll":
            page.get_by_label(label, exact=True).select_option(label=value)
        else:
            page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Lägg till inloggningen").click()
    expect(page.locator("h1")).to_contain_text(fields["Organisation"])
    assert_accessible(page)


def sign_out(page, assert_accessible, live_server) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/konto/logga-in/")
    assert_accessible(page)


def test_two_regions_sign_in_through_the_providers_they_set_up(
    page, demo, live_server, sign_in, oidc_provider, saml_provider, assert_accessible
):
    User.objects.filter(username="blekinge-lanssamordnare").update(email=ANNA.email)
    User.objects.filter(username="dalarna-ekonom").update(email=DAVID.email)

    sign_in(page, "blekinge-administrator")
    add_login(
        page,
        assert_accessible,
        {
            "Protokoll": "OpenID Connect",
            "Kortnamn": "blekinge-entra",
            "Organisation": "Region Blekinge",
            "Leverantören går i god för e-postadresser": True,
            "Utfärdarens adress": oidc_provider.url,
            "Klient-id": CLIENT_ID,
            "Klienthemlighet": CLIENT_SECRET,
        },
    )
    # What Entra ID's administrators register: the redirect address at this server.
    expect(page.locator("main")).to_contain_text(
        f"{live_server.url}/konto/sso/oidc/blekinge-entra/login/callback/"
    )
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_out(page, assert_accessible, live_server)

    sign_in(page, "dalarna-administrator")
    add_login(
        page,
        assert_accessible,
        {
            "Protokoll": "SAML 2.0",
            "Kortnamn": "dalarna-federation",
            "Organisation": "Region Dalarna",
            "Leverantören går i god för e-postadresser": True,
            "Adress till IdP:ns metadata": f"{saml_provider.url}/metadata",
        },
    )
    # The federation registers Pusselbit's SP metadata, as its operator would.
    provider = IdentityProvider.objects.get(slug="dalarna-federation")
    host = live_server.url.removeprefix("http://")
    trust(
        saml_provider,
        Client(HTTP_HOST=host).get(f"/konto/sso/saml/{provider.slug}/metadata/").content,
    )
    sign_out(page, assert_accessible, live_server)

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
    sign_out(page, assert_accessible, live_server)

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
