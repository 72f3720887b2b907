"""The region's API tokens page: making a token shows its key once, the list never again; a
token is revoked, not deleted; each user sees their own, the administrator everyone's."""

import pytest
from django.urls import reverse

from pusselbit.api.models import ApiToken

from .conftest import token_for, user

pytestmark = pytest.mark.django_db
URL = reverse("api_tokens:list", args=["dalarna"])


def _text(response) -> str:
    return response.content.decode()


def test_a_token_made_on_the_page_shows_its_key_once(demo_once, client):
    client.force_login(user("dalarna-analytiker"))
    response = client.post(URL, {"name": "Statistik", "access": "read"}, follow=True)
    token = ApiToken.objects.get(name="Statistik")
    shown = _text(response)
    assert "Din nya nyckel" in shown and token.prefix in shown
    key = shown.split('id="key" type="text" readonly value="')[1].split('"')[0]
    assert key.startswith(token.prefix) and len(key) > 40
    again = _text(client.get(URL))
    assert key not in again and "Statistik" in again  # listed, its key never shown again


def test_the_form_sent_twice_makes_one_token(demo_once, client):
    client.force_login(user("dalarna-analytiker"))
    key = "6f1c2f0e-2a57-4c0e-9a55-0d6c1a0c5e11"
    sending = {"name": "Dubbelklick", "access": "read", "submission": key}
    first = client.post(URL, sending)
    second = client.post(URL, sending, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert ApiToken.objects.filter(name="Dubbelklick").count() == 1
    assert "Formuläret var redan skickat" in _text(second)


def test_a_missing_name_is_an_error_by_the_field_and_the_choice_is_kept(demo_once, client):
    client.force_login(user("dalarna-analytiker"))
    response = client.post(URL, {"name": " ", "access": "read_write", "expires_on": "2020-01-01"})
    text = _text(response)
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert 'value="read_write" checked' in text.replace("\n", " ").replace("  ", " ") or (
        "checked" in text.split('value="read_write"')[1][:80]
    )
    assert 'aria-invalid="true"' in text


def test_a_user_revokes_their_own_token_and_a_second_revoke_is_a_message(demo_once, client):
    token, _key = token_for("dalarna-analytiker")
    client.force_login(user("dalarna-analytiker"))
    revoke = reverse("api_tokens:revoke", args=["dalarna", token.pk])
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == user("dalarna-analytiker")
    response = client.post(revoke, follow=True)
    assert "redan" in _text(response)
    assert ApiToken.objects.filter(pk=token.pk).exists()  # never deleted


def test_someone_elses_token_is_404_but_the_administrator_sees_and_revokes_all(demo_once, client):
    token, _key = token_for("dalarna-analytiker", name="Analytikerns export")
    revoke = reverse("api_tokens:revoke", args=["dalarna", token.pk])
    client.force_login(user("dalarna-ekonom"))
    assert "Analytikerns export" not in _text(client.get(URL))
    assert client.post(revoke).status_code == 404
    client.force_login(user("dalarna-administrator"))
    assert "Analytikerns export" in _text(client.get(URL))
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == user("dalarna-administrator")


def test_another_region_and_the_anonymous_are_kept_out(demo_once, client):
    token, _key = token_for("dalarna-analytiker")
    client.force_login(user("blekinge-administrator"))
    assert client.get(URL).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=["dalarna", token.pk])).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_start_page_and_the_administration_lead_here(demo_once, client):
    client.force_login(user("dalarna-analytiker"))
    assert URL in _text(client.get(reverse("start:start")))
    client.force_login(user("dalarna-administrator"))
    assert URL in _text(client.get(reverse("start:region_administration", args=["dalarna"])))
