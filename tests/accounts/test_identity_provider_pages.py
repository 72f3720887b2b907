"""A region's administrator sets up its organisation logins in pages (issue 14, item 1): an
OpenID Connect provider and a SAML IdP, what to register at the provider, a secret that is
never shown again, and another region's provider out of reach."""

import html

import pytest
import requests
from django.urls import reverse

from pusselbit.accounts.models import IdentityProvider
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.fixture
def admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="ada").user


def list_url(region):
    return reverse("accounts:identity_providers", args=[region.slug])


OIDC = {
    "protocol": "openid_connect",
    "slug": "blekinge-entra",
    "name": "Region Blekinge",
    "is_active": "on",
    "server_url": "https://login.microsoftonline.com/0000-tenant/v2.0",
    "client_id": "pusselbit",
    "client_secret": "hemligt",
}


def test_the_administrator_adds_an_openid_login_and_sees_what_to_register(client, admin, blekinge):
    client.force_login(admin)
    page = client.get(list_url(blekinge))
    assert page.status_code == 200
    assert "ingen organisationsinloggning" in text(page)
    response = client.post(list_url(blekinge), OIDC, follow=True)
    provider = IdentityProvider.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "accounts:identity_provider", args=[blekinge.slug, provider.pk]
    )
    body = text(response)
    assert "http://testserver/konto/sso/oidc/blekinge-entra/login/callback/" in body
    assert "hemligt" not in body  # the secret is never shown again
    entry = AuditEntry.objects.get(action="identity_provider.added")
    assert "hemligt" not in str(entry.data)
    # Sent twice (a double click): one provider.
    client.post(list_url(blekinge), {**OIDC, "submission": ""})
    assert IdentityProvider.objects.count() == 1


def test_missing_fields_of_the_protocol_are_errors_next_to_them(client, admin, blekinge):
    client.force_login(admin)
    response = client.post(list_url(blekinge), {**OIDC, "client_id": "", "server_url": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"client_id", "server_url"}
    assert 'value="blekinge-entra"' in response.content.decode()  # what was typed stays
    saml = {"protocol": "saml", "slug": "blekinge-saml", "name": "Region Blekinge"}
    response = client.post(list_url(blekinge), saml)
    assert set(response.context["form"].errors) == {"metadata_xml"}
    response = client.post(list_url(blekinge), {**saml, "metadata_xml": "<inte metadata"})
    assert "metadata_xml" in response.context["form"].errors
    assert not IdentityProvider.objects.exists()


def test_a_short_name_taken_in_another_region_is_a_field_error(client, admin, blekinge, dalarna):
    from pusselbit.accounts.domain.sso import add_identity_provider

    add_identity_provider(
        dalarna, actor=None, **{k: v for k, v in OIDC.items() if k != "is_active"}
    )
    client.force_login(admin)
    response = client.post(list_url(blekinge), OIDC)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_a_saml_login_reads_its_metadata_and_shows_the_service_providers(
    client, admin, blekinge, saml_provider
):
    client.force_login(admin)
    metadata = requests.get(f"{saml_provider.url}/metadata", timeout=10).text
    response = client.post(
        list_url(blekinge),
        {
            "protocol": "saml",
            "slug": "blekinge-federation",
            "name": "Region Blekinge",
            "is_active": "on",
            "metadata_url": f"{saml_provider.url}/metadata",
            "sign_requests": "on",
        },
        follow=True,
    )
    provider = IdentityProvider.objects.get()
    assert provider.metadata_xml == metadata  # a copy, read when saved
    body = text(response)
    assert "http://testserver/konto/sso/saml/blekinge-federation/metadata/" in body
    assert "BEGIN CERTIFICATE" in body
    assert "PRIVATE KEY" not in body
    # The sign-in page's policy lets its button lead to the IdP.
    client.logout()
    login = client.get(reverse("login"))
    assert saml_provider.url in login["Content-Security-Policy"]


def test_changing_keeps_the_secret_unless_a_new_one_is_typed(client, admin, blekinge):
    client.force_login(admin)
    client.post(list_url(blekinge), OIDC)
    provider = IdentityProvider.objects.get()
    url = reverse("accounts:identity_provider", args=[blekinge.slug, provider.pk])
    data = {k: v for k, v in OIDC.items() if k not in ("protocol", "slug")}
    client.post(url, {**data, "client_secret": "", "name": "Blekinge (Entra ID)"})
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Blekinge (Entra ID)", "hemligt")
    client.post(url, {**data, "client_secret": "nytt"})
    provider.refresh_from_db()
    assert provider.client_secret == "nytt"
    entries = AuditEntry.objects.filter(action="identity_provider.changed").order_by("pk")
    assert [entry.data["changes"] for entry in entries] == [
        {"name": ["Region Blekinge", "Blekinge (Entra ID)"]},
        {"client_secret": "changed", "name": ["Blekinge (Entra ID)", "Region Blekinge"]},
    ]


def test_others_may_not_and_another_regions_provider_is_not_found(
    client, admin, alice, blekinge, dalarna, charlie
):
    client.force_login(admin)
    client.post(list_url(blekinge), OIDC)
    provider = IdentityProvider.objects.get()
    url = reverse("accounts:identity_provider", args=[blekinge.slug, provider.pk])
    client.force_login(alice)  # a county coordinator: not hers to set
    assert client.get(list_url(blekinge)).status_code == 403
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    dalarna_admin = MembershipFactory(region=dalarna, role="administrator").user
    client.force_login(dalarna_admin)
    other = reverse("accounts:identity_provider", args=[dalarna.slug, provider.pk])
    assert client.get(other).status_code == 404


def test_in_production_the_providers_addresses_are_https(client, admin, blekinge, settings):
    settings.SSO_REQUIRE_HTTPS = True
    client.force_login(admin)
    response = client.post(
        list_url(blekinge), {**OIDC, "server_url": "http://10.0.0.5/intern/v2.0"}
    )
    assert "server_url" in response.context["form"].errors
    assert not IdentityProvider.objects.exists()


def test_the_sign_in_page_shown_again_after_a_wrong_password_still_lets_its_buttons_go(
    client, admin, blekinge, saml_provider
):
    client.force_login(admin)
    client.post(
        list_url(blekinge),
        {
            "protocol": "saml",
            "slug": "blekinge-federation",
            "name": "Region Blekinge",
            "is_active": "on",
            "metadata_url": f"{saml_provider.url}/metadata",
        },
    )
    client.logout()
    again = client.post(reverse("login"), {"username": "ada", "password": "fel"})
    assert again.status_code == 200
    assert saml_provider.url in again["Content-Security-Policy"]
