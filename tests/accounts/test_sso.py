"""Single sign-on against real identity providers on 127.0.0.1 (tests/identity_providers.py):
Blekinge signs in through OpenID Connect, Dalarna through a SAML federation."""

import base64
import datetime

import jwt
import pytest
import time_machine
from django.urls import reverse

from pusselbit.accounts.models import IdentityProvider, User
from pusselbit.core.models import AuditEntry
from tests.accounts.sso_flow import (
    add_oidc_provider,
    add_saml_provider,
    answer_at_provider,
    local,
    start,
)
from tests.factories import MembershipFactory, UserFactory
from tests.identity_providers import ANNA, DAVID

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    # Addressed as 127.0.0.1, not "testserver": python3-saml refuses a host without a dot
    # in the service's addresses, and the provider knows its loopback callback.
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


def sign_in_oidc(client, provider, person=ANNA, next_url=""):
    back, _fields = answer_at_provider(start(client, provider, next_url), person)
    assert back.startswith("http://127.0.0.1/konto/sso/oidc/"), back
    return client.get(local(back))


def saml_answer(client, provider, person=DAVID):
    back, fields = answer_at_provider(start(client, provider), person)
    assert fields is not None and local(back).endswith("/acs/"), back
    return local(back), fields


def post_saml(client, acs, fields):
    response = client.post(acs, fields)
    assert response.status_code == 302, response.content
    return client.get(response["Location"])


@pytest.fixture
def anna_in_blekinge(blekinge):
    return MembershipFactory(
        region=blekinge,
        role="initiator",
        user__username="anna.local",
        user__email=ANNA.email.upper(),  # the address as typed once, in capitals
    ).user


def signed_in_user(client):
    return User.objects.get(pk=client.session["_auth_user_id"])


def test_the_sign_in_page_offers_each_regions_organisation_login(client, blekinge, dalarna):
    from tests.identity_providers import RunningProvider

    fake = RunningProvider(url="https://login.example/tenant/v2.0", process=None, directory=None)
    add_oidc_provider(blekinge, fake)
    page = client.get(reverse("login")).content.decode()
    assert "Region Blekinge" in page
    assert "Logga in med Region Blekinge" in page
    assert 'action="/konto/sso/oidc/blekinge-entra/login/"' in page
    assert 'name="password"' in page  # local accounts stay


def test_without_local_accounts_only_the_organisation_logins_remain(client, alice, settings):
    settings.LOCAL_ACCOUNTS = False
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page
    response = client.post(reverse("login"), {"username": "alice", "password": "x"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_openid_connect_links_the_regions_account_by_a_vouched_address(
    client, oidc_provider, blekinge, dalarna, anna_in_blekinge
):
    provider = add_oidc_provider(blekinge, oidc_provider, trusts_email=True)
    response = sign_in_oidc(client, provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("start:start")
    assert signed_in_user(client) == anna_in_blekinge
    assert AuditEntry.objects.filter(action="user.sso_linked").count() == 1
    page = client.get(reverse("start:start"))
    assert "Region Blekinge" in page.content.decode()
    assert client.get(f"/regioner/{blekinge.slug}/satsningar/").status_code == 200
    assert client.get(f"/regioner/{dalarna.slug}/satsningar/").status_code == 404
    # The second time the link is known: no new account, no new link.
    client.logout()
    sign_in_oidc(client, provider)
    assert signed_in_user(client) == anna_in_blekinge
    assert AuditEntry.objects.filter(action="user.sso_linked").count() == 1


def test_a_first_sign_in_makes_an_account_without_roles_for_the_region(
    client, oidc_provider, blekinge
):
    provider = add_oidc_provider(blekinge, oidc_provider)
    sign_in_oidc(client, provider, next_url="/tillganglighet/")
    user = signed_in_user(client)
    assert (user.email, user.created_in) == (ANNA.email, blekinge)
    assert not user.memberships.exists()
    assert not user.has_usable_password()
    entry = AuditEntry.objects.get(action="user.created")
    assert entry.data["through"] == provider.slug


@pytest.mark.parametrize("holder", ["other region", "platform operator", "not trusted"])
def test_an_address_links_no_account_beyond_the_providers_region(
    client, oidc_provider, blekinge, dalarna, holder
):
    if holder == "other region":
        other = MembershipFactory(region=dalarna, user__email=ANNA.email).user
    elif holder == "platform operator":
        other = UserFactory(email=ANNA.email, is_superuser=True, is_staff=True)
    else:
        other = MembershipFactory(region=blekinge, user__email=ANNA.email).user
    provider = add_oidc_provider(blekinge, oidc_provider, trusts_email=holder != "not trusted")
    sign_in_oidc(client, provider)
    user = signed_in_user(client)
    assert user != other
    assert user.created_in == blekinge


def test_a_changed_answer_from_the_openid_provider_is_refused(client, oidc_provider, blekinge):
    provider = add_oidc_provider(blekinge, oidc_provider)
    back, _ = answer_at_provider(start(client, provider), ANNA)
    response = client.get(local(back).replace("code=", "code=x"))
    assert response.status_code == 401
    assert "kunde inte kontrolleras" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=ANNA.email).exists()


def test_an_expired_id_token_is_refused(client, oidc_provider, blekinge):
    provider = add_oidc_provider(blekinge, oidc_provider)
    back, _ = answer_at_provider(start(client, provider), ANNA)
    # The provider's tokens live five minutes; the answer comes back after them (within the
    # ten minutes allauth gives a sign-in, so it is the token that is refused).
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=6)
    with time_machine.travel(later):
        response = client.get(local(back))
    assert response.status_code == 401
    assert isinstance(response.context["auth_error"]["exception"].__cause__, jwt.PyJWTError)
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_openid_providers_session_too(client, oidc_provider, blekinge):
    provider = add_oidc_provider(blekinge, oidc_provider)
    sign_in_oidc(client, provider)
    response = client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
    assert response["Location"].startswith(f"{oidc_provider.url}/logout?client_id=")
    assert (
        "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%2Fkonto%2Flogga-in%2F"
        in (response["Location"])
    )


def test_a_password_session_signs_out_locally(client, alice):
    client.force_login(alice)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_a_turned_off_account_is_refused(client, oidc_provider, blekinge, anna_in_blekinge):
    provider = add_oidc_provider(blekinge, oidc_provider, trusts_email=True)
    sign_in_oidc(client, provider)
    client.logout()
    User.objects.filter(pk=anna_in_blekinge.pk).update(is_active=False)
    response = sign_in_oidc(client, provider)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_saml_signs_in_through_a_signed_request_and_assertion(
    client, saml_provider, blekinge, dalarna
):
    david = MembershipFactory(region=dalarna, role="finance_officer", user__email=DAVID.email).user
    provider = add_saml_provider(dalarna, saml_provider, client, trusts_email=True)
    acs, fields = saml_answer(client, provider)
    response = post_saml(client, acs, fields)
    assert response.status_code == 302
    assert signed_in_user(client) == david
    assert client.get(f"/regioner/{dalarna.slug}/satsningar/").status_code == 200
    assert client.get(f"/regioner/{blekinge.slug}/satsningar/").status_code == 404


def test_a_first_saml_sign_in_takes_the_name_from_the_federations_attributes(
    client, saml_provider, dalarna
):
    provider = add_saml_provider(dalarna, saml_provider, client)
    post_saml(client, *saml_answer(client, provider))
    user = signed_in_user(client)
    assert (user.first_name, user.last_name, user.email) == ("David", "Dahl", DAVID.email)
    assert user.created_in == dalarna


def test_a_changed_saml_assertion_is_refused(client, saml_provider, dalarna):
    provider = add_saml_provider(dalarna, saml_provider, client)
    acs, fields = saml_answer(client, provider)
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    assert DAVID.email in xml
    fields["SAMLResponse"] = base64.b64encode(
        xml.replace(DAVID.email, "platform-operator@pusselbit.example").encode()
    ).decode()
    response = post_saml(client, acs, fields)
    assert response.status_code == 401
    assert "Signature validation failed" in response.context["saml_last_error_reason"]
    assert "_auth_user_id" not in client.session


def test_an_expired_saml_assertion_is_refused(client, saml_provider, dalarna):
    provider = add_saml_provider(dalarna, saml_provider, client)
    acs, fields = saml_answer(client, provider)
    # Valid five minutes, and python3-saml allows five minutes of clock drift.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10, seconds=30)
    with time_machine.travel(later):
        response = post_saml(client, acs, fields)
    assert response.status_code == 401
    assert "expired" in response.context["saml_last_error_reason"].lower()
    assert "_auth_user_id" not in client.session


def test_the_service_provider_metadata_names_the_signing_certificate(
    client, saml_provider, dalarna
):
    provider = add_saml_provider(dalarna, saml_provider, client)
    response = client.get(f"/konto/sso/saml/{provider.slug}/metadata/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'AuthnRequestsSigned="true"' in body
    certificate = "".join(saml_provider.sp_certificate.strip().splitlines()[1:-1])
    assert certificate in body.replace("\n", "")


@pytest.mark.parametrize(
    "path",
    [
        "/konto/sso/oidc/okand/login/",
        "/konto/sso/oidc/okand/login/callback/?code=x&state=y",
        "/konto/sso/saml/okand/login/",
        "/konto/sso/saml/okand/metadata/",
        "/konto/sso/saml/okand/acs/finish/",
    ],
)
def test_an_unknown_or_turned_off_provider_is_not_found(client, path, blekinge):
    from tests.identity_providers import RunningProvider

    fake = RunningProvider(url="https://login.example/tenant/v2.0", process=None, directory=None)
    provider = add_oidc_provider(blekinge, fake)
    IdentityProvider.objects.filter(pk=provider.pk).update(is_active=False)
    for address in (path, path.replace("okand", provider.slug)):
        assert client.get(address).status_code == 404
        assert client.post(address).status_code == 404


def test_a_saml_answer_without_a_sign_in_begun_here_is_refused(client, saml_provider, dalarna):
    provider = add_saml_provider(dalarna, saml_provider, client)
    acs, fields = saml_answer(client, provider)
    other = type(client)()
    other.defaults["HTTP_HOST"] = "127.0.0.1"
    response = post_saml(other, acs, fields)  # another browser: no sign-in it began
    assert response.status_code == 403  # allauth finds no sign-in begun with that request
    assert "_auth_user_id" not in other.session


def test_a_provider_that_cannot_be_reached_is_said_so(client, blekinge, dalarna, saml_provider):
    from tests.identity_providers import RunningProvider, _free_port

    gone = RunningProvider(
        url=f"http://127.0.0.1:{_free_port()}", process=None, directory=None
    )  # nothing listens there
    provider = add_oidc_provider(blekinge, gone)
    response = client.post(provider.login_url())
    assert response.status_code == 503
    assert "kan inte nås just nu" in response.content.decode()
    saml = add_saml_provider(dalarna, saml_provider, client)
    IdentityProvider.objects.filter(pk=saml.pk).update(metadata_url=gone.url + "/metadata")
    response = client.post(saml.login_url())
    assert response.status_code == 503
