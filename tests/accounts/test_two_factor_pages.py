"""The pages of two-step verification: one's own (turn on, recovery codes, turn off), signing in
with a code, a region's requirement and the page where its administrators set it."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pusselbit.accounts.domain import two_factor
from pusselbit.accounts.views.two_factor import SETUP_SECRET
from tests.factories import MembershipFactory

from .two_factor_helpers import app_code

pytestmark = pytest.mark.django_db

PASSWORD = "secret-password-1"
STATUS = reverse("two_factor:status")
TURN_ON = reverse("two_factor:turn_on")
CODES = reverse("two_factor:recovery_codes")


class SingleSignOnBackend(ModelBackend):
    """Stands in for the organisation's login (single sign-on) in the session."""


SSO_BACKEND = f"{__name__}.SingleSignOnBackend"


@pytest.fixture
def fiona(blekinge):
    return MembershipFactory(region=blekinge, role="finance_officer", user__username="fiona").user


@pytest.fixture
def key(fiona):
    """Fiona's app, turned on; its key."""
    secret = two_factor.new_secret()
    two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=fiona)
    return secret


@pytest.fixture
def required(blekinge):
    admin = MembershipFactory(region=blekinge, role="administrator").user
    two_factor.set_sign_in_policy(blekinge, require_two_factor=True, actor=admin)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def password_step(client, username="fiona", next_url=None):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.1")


def code_step(client, code):
    return client.post(reverse("login_code"), {"code": code}, REMOTE_ADDR="192.0.2.1")


# One's own pages.


def test_turn_on_shows_qr_code_and_key_and_takes_the_apps_code(client, fiona):
    client.force_login(fiona)
    html = client.get(TURN_ON).content.decode()
    secret = client.session[SETUP_SECRET]
    assert 'src="data:image/svg+xml' in html
    assert 'alt="QR-kod med nyckeln till din autentiseringsapp"' in html
    assert re.search(r'<code class="secret-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', html)
    response = client.post(TURN_ON, {"code": app_code(secret)})
    assert response.url == CODES
    assert TOTPDevice.objects.get(user=fiona).key == secret
    assert DEVICE_ID_SESSION_KEY in client.session
    html = client.get(CODES).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    # Shown once: the page after offers new ones instead.
    html = client.get(CODES).content.decode()
    assert not any(code in html for code in codes)
    assert reverse("two_factor:renew_recovery_codes") in html


def test_turn_on_with_a_wrong_code_shows_the_error_by_the_field(client, fiona):
    client.force_login(fiona)
    client.get(TURN_ON)
    secret = client.session[SETUP_SECRET]
    wrong = "123456" if app_code(secret) != "123456" else "654321"
    response = client.post(TURN_ON, {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_code"' in html and 'aria-invalid="true"' in html
    assert f'value="{wrong}"' in html
    assert client.session[SETUP_SECRET] == secret  # the same key as the app scanned
    assert not two_factor.has_two_factor(fiona)


def test_turn_off_with_a_code(client, fiona, key):
    client.force_login(fiona)
    assert "På" in client.get(STATUS).content.decode()
    response = client.post(reverse("two_factor:turn_off"), {"code": app_code(key, ahead=1)})
    assert response.url == STATUS
    assert not two_factor.has_two_factor(fiona)
    assert "Av" in client.get(STATUS).content.decode()


def test_new_recovery_codes_are_shown_once(client, fiona, key):
    client.force_login(fiona)
    response = client.post(reverse("two_factor:renew_recovery_codes"))
    assert response.url == CODES
    html = client.get(CODES).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    kept = StaticToken.objects.filter(device__user=fiona).values_list("token", flat=True)
    assert len(codes) == 10 and sorted(codes) == sorted(kept)


def test_menu_offers_it_to_those_who_hold_money_only(client, fiona, alice):
    client.force_login(fiona)
    assert f'href="{STATUS}"' in client.get("/").content.decode()
    client.force_login(alice)
    assert f'href="{STATUS}"' not in client.get("/").content.decode()


def test_pages_send_the_signed_out_to_sign_in(client, db):
    for url in (STATUS, TURN_ON, CODES, reverse("two_factor:turn_off")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


# Signing in.


def test_sign_in_with_an_app_asks_for_the_code_before_signing_in(client, fiona, key):
    response = password_step(client, next_url="/regioner/blekinge/kommuner/")
    assert response.url == reverse("login_code")
    assert not signed_in(client)
    assert 'autocomplete="one-time-code"' in client.get(response.url).content.decode()
    response = code_step(client, app_code(key, ahead=1))
    assert response.url == "/regioner/blekinge/kommuner/"
    assert signed_in(client) and DEVICE_ID_SESSION_KEY in client.session


def test_sign_in_with_a_wrong_code_shows_the_error_and_counts_as_a_failure(client, fiona, key):
    password_step(client)
    wrong = "000000" if app_code(key, ahead=1) != "000000" else "111111"
    response = code_step(client, wrong)
    html = response.content.decode()
    assert response.status_code == 200 and not signed_in(client)
    assert 'href="#id_code"' in html and "Koden är fel" in html
    attempt = AccessAttempt.objects.get(username="fiona")
    assert attempt.failures_since_start == 1 and wrong not in attempt.post_data


def test_sign_in_codes_cannot_be_guessed_without_end(client, fiona, key, settings):
    # Without django-otp's own growing wait after each wrong code: the lockout alone.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert code_step(client, "abcdefgh").status_code == 200
    response = code_step(client, "abcdefgh")
    assert response.status_code == 429 and not signed_in(client)
    # The right password is refused too while signing in is paused.
    assert password_step(client).status_code == 429


def test_sign_in_with_a_recovery_code_works_once(client, fiona):
    secret = two_factor.new_secret()
    _device, codes = two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=fiona)
    password_step(client)
    assert code_step(client, codes[0]).url == reverse("start:start")
    assert signed_in(client)
    client.post(reverse("logout"))
    password_step(client)
    response = code_step(client, codes[0])
    assert response.status_code == 200 and not signed_in(client)


def test_sign_in_code_step_expires(client, fiona, key):
    password_step(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        response = code_step(client, app_code(key, ahead=1))
    assert response.url == reverse("login") and not signed_in(client)


def test_code_step_without_a_password_step_goes_to_sign_in(client, db):
    response = client.get(reverse("login_code"))
    assert response.url == reverse("login")


def test_sign_in_without_an_app_needs_the_password_only(client, fiona):
    assert password_step(client).url == reverse("start:start") and signed_in(client)


def test_admin_sign_in_with_an_app_asks_for_the_code(client, blekinge, key):
    admin = MembershipFactory(region=blekinge, role="administrator", user__username="adam").user
    secret = two_factor.new_secret()
    two_factor.turn_on_two_factor(admin, secret, app_code(secret), actor=admin)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "adam", "password": PASSWORD, "next": "/admin/"},
    )
    assert response.url == reverse("login_code") and not signed_in(client)
    assert code_step(client, app_code(secret, ahead=1)).url == "/admin/"


# A region that requires it.


def test_required_region_sends_a_password_session_to_set_it_up(client, fiona, required):
    assert client.login(username="fiona", password=PASSWORD)
    response = client.get("/")
    assert response.url == TURN_ON
    assert client.get("/regioner/blekinge/kommuner/").url == TURN_ON
    assert client.get(TURN_ON).status_code == 200
    assert client.get(reverse("core:accessibility")).status_code == 200
    secret = client.session[SETUP_SECRET]
    client.post(TURN_ON, {"code": app_code(secret)})
    assert client.get("/").status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_required_region_leaves_other_roles_alone(client, alice, required):
    client.force_login(alice)
    assert client.get("/").status_code == 200


def test_required_region_leaves_single_sign_on_sessions_alone(client, fiona, required, settings):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, SSO_BACKEND]
    client.force_login(fiona, backend=SSO_BACKEND)
    assert client.get("/").status_code == 200


def test_required_region_lets_a_session_with_a_code_through(client, fiona, key, required):
    password_step(client)
    code_step(client, app_code(key, ahead=1))
    assert client.get("/").status_code == 200


# The region's page.

POLICY = "/regioner/blekinge/administration/tvastegsverifiering/"


def test_region_administrator_requires_it_on_the_regions_page(client, blekinge):
    admin = MembershipFactory(region=blekinge, role="administrator").user
    client.force_login(admin)
    assert 'name="require_two_factor"' in client.get(POLICY).content.decode()
    response = client.post(POLICY, {"require_two_factor": "on"})
    assert response.url == POLICY
    assert two_factor.sign_in_policy(blekinge).require_two_factor
    # The administrator is one of those it covers: the next page is setting it up.
    response = client.get(POLICY)
    assert response.url == TURN_ON
    html = client.get(TURN_ON).content.decode()
    assert "Tvåstegsverifiering krävs nu." in html and "Din region kräver" in html
    client.get(TURN_ON)
    client.post(TURN_ON, {"code": app_code(client.session[SETUP_SECRET])})
    html = client.get(POLICY).content.decode()
    assert re.search(r'name="require_two_factor"[^>]* checked', html)


def test_regions_page_is_the_regions_administrators_only(client, blekinge, dalarna, alice):
    other_admin = MembershipFactory(region=dalarna, role="administrator").user
    client.force_login(other_admin)
    assert client.get(POLICY).status_code == 404
    assert client.post(POLICY, {"require_two_factor": "on"}).status_code == 404
    client.force_login(alice)
    assert client.get(POLICY).status_code == 403
    assert not two_factor.sign_in_policy(blekinge).require_two_factor
    client.logout()
    assert client.get(POLICY).url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "code", ["", " ", "x" * 5000, "12 34 56", "١٢٣٤٥٦", "\x00", "💥", "1e309", "-1", "0x10"]
)
def test_odd_codes_are_field_errors(client, fiona, key, code):
    client.force_login(fiona)
    for url in (TURN_ON, reverse("two_factor:turn_off")):
        response = client.post(url, {"code": code})
        assert response.status_code in (200, 302), url
    client.logout()
    password_step(client)
    response = code_step(client, code)
    assert response.status_code == 200 and not signed_in(client)
