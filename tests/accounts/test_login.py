import re

import pytest
from django.core import mail
from django.urls import reverse

from pusselbit.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_login_with_right_password_reaches_start(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "secret-password-1"})
    assert response.status_code == 302 and response.url == reverse("start:start")
    html = client.get(response.url).content.decode()
    assert "Region Blekinge" in html
    assert "Länssamordnare" in html


def test_login_with_wrong_password_keeps_username_and_shows_summary(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Ange ett korrekt användarnamn och lösenord" in html
    assert 'value="alice"' in html
    assert "_auth_user_id" not in client.session


def test_login_missing_fields_links_errors_to_fields(client, db):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert 'href="#id_username"' in html and 'href="#id_password"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_error"' in html


def test_logout_is_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("start:start")).status_code == 302


def test_password_reset_by_email_sets_new_password(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    link = re.search(r"http://testserver(/konto/nytt-losenord/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    response = client.post(
        form_url, {"new_password1": "ett-nytt-losen-2026", "new_password2": "ett-nytt-losen-2026"}
    )
    assert response.url == reverse("password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password("ett-nytt-losen-2026")
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.actor == alice and "ett-nytt" not in str(entry.data)


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
