"""Walking a sign-in through a real identity provider with Django's test client on our side and
an HTTP session on the provider's: what the browser does, step by step, so a test can change
what passes between them (a tampered or late answer)."""

from urllib.parse import urljoin, urlparse

import lxml.html
import requests

from pusselbit.accounts.domain.sso import add_identity_provider
from pusselbit.accounts.models import IdentityProvider
from tests.identity_providers import CLIENT_ID, CLIENT_SECRET, OIDC_SLUG, SAML_SLUG, trust


def add_oidc_provider(region, idp, **fields):
    return add_identity_provider(
        region,
        actor=None,
        name="Region Blekinge",
        slug=OIDC_SLUG,
        protocol=IdentityProvider.Protocol.OPENID_CONNECT,
        server_url=idp.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        **fields,
    )


def add_saml_provider(region, idp, client, **fields):
    """Dalarna's federation login, with its IdP's metadata as a file, registered with the IdP
    through the SP metadata that `client` (the test client or a live server's host) reads."""
    provider = add_identity_provider(
        region,
        actor=None,
        name="Region Dalarna",
        slug=SAML_SLUG,
        protocol=IdentityProvider.Protocol.SAML,
        metadata_xml=requests.get(f"{idp.url}/metadata", timeout=10).text,
        **fields,
    )
    # The key pair the running federation was told of (a new provider makes its own).
    IdentityProvider.objects.filter(pk=provider.pk).update(
        sp_certificate=idp.sp_certificate, sp_private_key=idp.sp_private_key
    )
    provider.refresh_from_db()
    trust(idp, client.get(f"/konto/sso/saml/{provider.slug}/metadata/").content)
    return provider


def _form(html: str, url: str):
    forms = lxml.html.fromstring(html).forms
    return forms[0] if forms else None, url


def answer_at_provider(start_url: str, person) -> tuple[str, dict | None]:
    """Sign `person` in at the provider, from the address our site sent the browser to. Returns
    where the provider sends the browser back: (address, None) for a redirect (OpenID Connect),
    or (address, fields) for the form it posts back (SAML's HTTP-POST binding)."""
    session = requests.Session()
    response = session.get(start_url, allow_redirects=False, timeout=10)
    for _step in range(5):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if urlparse(location).netloc != urlparse(start_url).netloc:
                return location, None
            response = session.get(location, allow_redirects=False, timeout=10)
            continue
        form, url = _form(response.text, response.url)
        fields = dict(form.form_values())
        action = urljoin(url, form.action or url)
        if "SAMLResponse" in fields:
            return action, fields
        names = {field.name for field in form.inputs if field.name}
        if "username" in names:
            fields["username"] = person.username
        if "password" in names:
            fields["password"] = person.password
        response = session.post(action, data=fields, allow_redirects=False, timeout=10)
    raise AssertionError(f"The provider did not answer: {response.status_code} {response.text}")


def local(url: str) -> str:
    parts = urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start(client, provider, next_url=""):
    response = client.post(provider.login_url(), {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content
    return response["Location"]
