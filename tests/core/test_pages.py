import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_start_page_shows_region_and_roles(client, alice, blekinge):
    client.force_login(alice)
    html = client.get(reverse("start:start")).content.decode()
    assert "<h1>Välkommen, Test" in html
    assert "Region Blekinge" in html
    assert "Länssamordnare, Region Blekinge" in html
    assert "Inget i Region Blekinge väntar på ett steg av dig." in html


def test_start_page_for_user_without_region_explains(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get(reverse("start:start")).content.decode()
    assert "inte medlem i någon region" in html


def test_start_page_shows_nothing_of_other_region(client, charlie, alice):
    client.force_login(charlie)
    html = client.get(reverse("start:start")).content.decode()
    assert "Region Dalarna" in html
    assert "Blekinge" not in html


def test_start_page_anonymous_goes_to_login(client, db):
    response = client.get(reverse("start:start"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_accessibility_statement_is_public_in_both_languages(client, db):
    html = client.get(reverse("core:accessibility")).content.decode()
    assert '<html lang="sv">' in html
    assert "Tillgänglighetsredogörelse" in html
    assert "Myndigheten för digital förvaltning" in html
    assert "2018:1937" in html
    assert "mailto:tillganglighet@pusselbit.localhost" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:accessibility")).content.decode()
    assert '<html lang="en">' in html
    assert "Accessibility statement for Pusselbit" in html


def test_every_page_has_one_h1_skip_link_and_landmarks(client, alice):
    client.force_login(alice)
    for url in [
        reverse("start:start"),
        reverse("core:accessibility"),
        "/regioner/blekinge/kommuner/",
    ]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert 'href="#main"' in html and '<main id="main"' in html
        assert "<header" in html and "<nav" in html and "<footer" in html


def test_language_switch_keeps_the_page(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/regioner/blekinge/kommuner/"}
    )
    assert response.url == "/regioner/blekinge/kommuner/"
    html = client.get(response.url).content.decode()
    assert "<h1>Municipalities in Region Blekinge</h1>" in html


def test_unknown_page_is_404_page_in_swedish(client, db):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_browser_language_does_not_override_swedish(client, db):
    html = client.get(
        reverse("core:accessibility"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert '<html lang="sv">' in html
