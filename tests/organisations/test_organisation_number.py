"""Organisation numbers: the region administrator keeps them for every organisation, the
municipalities' too; a wrong one is refused by the field, a sole trader's (a personal identity
number) never kept; the open data names each recipient by its number."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.organisations.validators import organisation_number
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("212000-2270", "212000-2270"),
        ("2120002270", "212000-2270"),
        (" 556016-0680 ", "556016-0680"),
        ("", ""),
    ],
)
def test_a_valid_number_is_kept_in_one_form(given, kept):
    assert organisation_number(given) == kept


@pytest.mark.parametrize("given", ["212000-2271", "12345", "abcdef-ghij", "121212-1212"])
def test_a_wrong_number_or_a_personal_identity_number_is_refused(given):
    with pytest.raises(ValidationError):
        organisation_number(given)


@pytest.fixture
def falun(blekinge):
    return OrganisationFactory(region=blekinge, kind="municipality", name="Falun", code="2080")


@pytest.fixture
def admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="ada").user


def test_the_administrator_gives_a_municipality_its_number(client, admin, falun):
    client.force_login(admin)
    url = reverse("organisations_setup:edit", args=["blekinge", falun.pk])
    data = {"action": "save", "organisation-organisation_number": "2120002270"}
    assert client.post(url, data).status_code == 302
    falun.refresh_from_db()
    assert falun.organisation_number == "212000-2270" and falun.name == "Falun"
    entry = AuditEntry.objects.get(action="organisation.changed", target_id=str(falun.pk))
    assert entry.data["changed"]["organisation_number"] == ["", "212000-2270"]
    assert "212000-2270" in text(client.get(url))


def test_a_wrong_number_is_an_error_by_the_field_and_what_was_typed_is_kept(client, admin, falun):
    client.force_login(admin)
    url = reverse("organisations_setup:edit", args=["blekinge", falun.pk])
    for typed in ("212000-2271", "121212-1212"):
        response = client.post(url, {"action": "save", "organisation-organisation_number": typed})
        page = text(response)
        assert response.status_code == 200 and typed in page
        assert 'aria-invalid="true"' in response.content.decode()
    falun.refresh_from_db()
    assert falun.organisation_number == ""


def test_only_the_administrator_may(client, bob, falun):
    client.force_login(bob)
    url = reverse("organisations_setup:edit", args=["blekinge", falun.pk])
    response = client.post(
        url, {"action": "save", "organisation-organisation_number": "2120002270"}
    )
    assert response.status_code == 403
