"""Sign-in throttling: too many failed sign-ins lock the account and the address for a while."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT = "secret-password-1"


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def sign_in(client, username, password, address="192.0.2.1", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def without_tokens(response) -> str:
    """The page without its CSRF tokens, which differ on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sign_in_after_thirty_wrong_passwords_is_refused_with_the_lockout_page(client, alice):
    for _ in range(30):
        sign_in(client, "alice", "wrong")
    response = sign_in(client, "alice", RIGHT)
    html = response.content.decode()
    assert not signed_in(client)
    assert response.status_code == 429
    assert "Det har gjorts för många misslyckade försök att logga in. Vänta 15 minuter" in html
    assert reverse("password_reset") in html
    assert response["Retry-After"] == "900"


def test_sign_in_lockout_page_in_english(client, alice, limit):
    client.cookies["django_language"] = "en"
    for _ in range(limit):
        sign_in(client, "alice", "wrong")
    html = sign_in(client, "alice", RIGHT).content.decode()
    assert "too many failed attempts to sign in. Wait 15 minutes and try again." in html
    assert "Choose a new password" in html


def test_sign_in_account_locked_from_every_address(client, alice, limit):
    for n in range(limit):
        sign_in(client, "alice", "wrong", address=f"198.51.100.{n}")
    response = sign_in(client, "alice", RIGHT, address="203.0.113.5")
    assert response.status_code == 429
    assert not signed_in(client)


def test_sign_in_address_locked_for_every_account(client, alice, limit):
    for n in range(limit):
        sign_in(client, f"guess-{n}", "wrong", address="198.51.100.7")
    assert sign_in(client, "alice", RIGHT, address="198.51.100.7").status_code == 429
    assert not signed_in(client)
    response = sign_in(client, "alice", RIGHT, address="203.0.113.5")
    assert response.url == reverse("start:start") and signed_in(client)


def test_sign_in_lockout_page_is_the_same_for_an_unknown_account(client, alice, limit):
    for n in range(limit):
        sign_in(client, "alice", "wrong", address=f"198.51.100.{n}")
        sign_in(client, "nobody-here", "wrong", address=f"203.0.113.{n}")
    known = sign_in(client, "alice", "wrong", address="192.0.2.50")
    unknown = sign_in(client, "nobody-here", "wrong", address="192.0.2.51")
    assert known.status_code == unknown.status_code == 429
    assert without_tokens(known) == without_tokens(unknown)
    assert "alice" not in known.content.decode()


def test_sign_in_below_the_limit_succeeds_and_clears_the_account_failures(client, alice, limit):
    for _ in range(limit - 1):
        sign_in(client, "alice", "wrong", address="198.51.100.1")
    assert sign_in(client, "alice", RIGHT, address="198.51.100.2").url == reverse("start:start")
    client.post(reverse("logout"))
    for _ in range(limit - 1):
        sign_in(client, "alice", "wrong", address="198.51.100.3")
    assert sign_in(client, "alice", RIGHT, address="198.51.100.4").url == reverse("start:start")


def test_sign_in_to_own_account_keeps_the_guesses_at_another(client, alice, bob, limit):
    # Stock django-axes clears every failure from the address at a successful sign-in.
    for _ in range(limit - 1):
        sign_in(client, "alice", "wrong", address="198.51.100.9")
    bob.set_password("bobs-password-1")
    bob.save()
    assert sign_in(client, "bob", "bobs-password-1", address="198.51.100.9").status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "alice", "wrong", address="203.0.113.1")
    response = sign_in(client, "alice", RIGHT, address="203.0.113.2")
    assert response.status_code == 429 and not signed_in(client)


def test_sign_in_after_the_cool_off_succeeds(client, alice, limit):
    for _ in range(limit):
        sign_in(client, "alice", "wrong")
    assert sign_in(client, "alice", RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    assert sign_in(client, "alice", RIGHT).url == reverse("start:start")


def test_sign_in_with_new_password_after_lockout_succeeds(client, alice, limit):
    for n in range(limit):
        sign_in(client, "alice", "wrong", address=f"198.51.100.{n}")
    client.post(reverse("password_reset"), {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/konto/nytt-losenord/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    new = "ett-nytt-losen-2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert sign_in(client, "alice", new, address="203.0.113.5").url == reverse("start:start")


def test_sign_in_behind_proxy_counts_the_forwarded_address(client, alice, limit, settings):
    settings.BEHIND_PROXY = True
    proxy = "10.0.0.1"
    for n in range(limit):
        # What the browser claims comes first; the proxy appends the address it saw.
        forwarded = f"192.0.2.{n}, 198.51.100.7"
        sign_in(client, f"guess-{n}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=forwarded)
    refused = sign_in(client, "alice", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert refused.status_code == 429 and not signed_in(client)
    allowed = sign_in(client, "alice", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert allowed.url == reverse("start:start")


def test_sign_in_without_proxy_ignores_a_forwarded_header(client, alice, limit):
    for n in range(limit):
        sign_in(client, f"guess-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = sign_in(client, "alice", RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429 and not signed_in(client)


def test_client_login_in_tests_still_works(client, alice):
    assert client.login(username="alice", password=RIGHT)
    assert "Region Blekinge" in client.get(reverse("start:start")).content.decode()
