"""Pages for a signed-in person are kept out of shared caches; public pages stay cacheable."""

import pytest

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/regioner/blekinge/kommuner/", "/tillganglighet/"])
def test_signed_in_page_is_private_and_not_stored(client, alice, path):
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_signed_in_error_page_is_private_and_not_stored(client, alice, charlie):
    client.force_login(charlie)
    response = client.get("/regioner/blekinge/kommuner/")
    assert response.status_code == 404
    assert {"private", "no-store"} <= cache_control(response)


def test_anonymous_public_page_stays_cacheable(client, db):
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    assert not {"private", "no-store"} & cache_control(response)
