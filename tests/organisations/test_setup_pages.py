"""Issue 14, item 5: the region administrator keeps the region's civil-society organisations
(with their type) and operation areas in pages, not the Django admin."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.organisations.domain import add_operation_area
from pusselbit.organisations.models import OperationArea, Organisation
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.fixture
def admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="ada").user


def test_administrator_adds_a_civil_society_organisation_once(client, admin, blekinge):
    client.force_login(admin)
    url = reverse("organisations_setup:create", args=["blekinge"])
    key = client.get(url).context["form"].initial["submission"]
    data = {"name": "Fontänhuset", "civil_society_type": "association", "submission": key}
    assert client.post(url, data).status_code == 302
    page = text(client.post(url, data, follow=True))  # sent twice
    assert "redan skickat" in page
    organisation = Organisation.objects.get(name="Fontänhuset")
    assert (organisation.region, organisation.kind) == (blekinge, "civil_society")
    assert AuditEntry.objects.filter(action="organisation.created").count() == 1


def test_a_missing_type_is_a_field_error_not_a_constraint(client, admin):
    client.force_login(admin)
    url = reverse("organisations_setup:create", args=["blekinge"])
    response = client.post(url, {"name": "Fontänhuset", "civil_society_type": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["civil_society_type"]
    assert "Välj vilken typ" in errors["civil_society_type"][0]
    assert 'value="Fontänhuset"' in response.content.decode()


def test_a_second_organisation_of_the_same_name_is_refused_at_the_name(client, admin, blekinge):
    OrganisationFactory(
        region=blekinge,
        kind="civil_society",
        civil_society_type="charity",
        name="Röda korset",
        code="",
    )
    client.force_login(admin)
    url = reverse("organisations_setup:create", args=["blekinge"])
    response = client.post(url, {"name": "röda korset", "civil_society_type": "charity"})
    assert list(response.context["form"].errors) == ["name"]


def test_administrator_changes_name_and_type(client, admin, blekinge):
    organisation = OrganisationFactory(
        region=blekinge, kind="civil_society", civil_society_type="charity", code=""
    )
    client.force_login(admin)
    url = reverse("organisations_setup:edit", args=["blekinge", organisation.pk])
    data = {"action": "save", "organisation-name": "NSPH", "organisation-civil_society_type": ""}
    response = client.post(url, data)
    assert list(response.context["form"].errors) == ["civil_society_type"]
    data["organisation-civil_society_type"] = "user_organisation"
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.civil_society_type) == ("NSPH", "user_organisation")
    assert AuditEntry.objects.filter(action="organisation.changed").exists()


def test_a_municipality_is_reference_data_but_its_areas_are_the_regions(client, admin, blekinge):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    client.force_login(admin)
    url = reverse("organisations_setup:edit", args=["blekinge", karlskrona.pk])
    response = client.get(url)
    # Its name and code are the platform's; only its organisation number is the region's.
    assert list(response.context["form"].fields) == ["organisation_number"]
    client.post(url, {"action": "save", "organisation-name": "Karlskrona kommun"})
    karlskrona.refresh_from_db()
    assert karlskrona.name == "Karlskrona"
    client.post(url, {"action": "add_area", "area-name": "Socialtjänst"})
    area = karlskrona.operation_areas.get()
    assert area.name == "Socialtjänst"
    response = client.post(url, {"action": "add_area", "area-name": "socialtjänst"})
    assert list(response.context["area_form"].errors) == ["name"]
    rename = reverse("organisations_setup:area", args=["blekinge", area.pk])
    client.post(rename, {"name": "Individ- och familjeomsorg"})
    area.refresh_from_db()
    assert area.name == "Individ- och familjeomsorg"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"operation_area.added", "operation_area.renamed"} <= actions


def test_adding_an_operation_area_is_for_the_regions_own(alice, charlie, blekinge):
    # Whoever adds a participant may name a new area (initiatives.domain.participants); another
    # region's people may not.
    add_operation_area(blekinge.organisations.get(kind="region"), "Psykiatri", actor=alice)
    with pytest.raises(PermissionDenied):
        add_operation_area(blekinge.organisations.get(kind="region"), "Annat", actor=charlie)


def test_pages_are_403_to_a_coordinator_and_404_to_another_region(
    client, alice, charlie, blekinge, dalarna
):
    mine = OrganisationFactory(region=blekinge)
    area = OperationArea.objects.create(organisation=mine, name="Skola")
    theirs = OrganisationFactory(region=dalarna)
    urls = [
        reverse("organisations_setup:list", args=["blekinge"]),
        reverse("organisations_setup:create", args=["blekinge"]),
        reverse("organisations_setup:edit", args=["blekinge", mine.pk]),
        reverse("organisations_setup:area", args=["blekinge", area.pk]),
    ]
    client.force_login(alice)
    assert [client.get(url).status_code for url in urls] == [403] * 4
    client.force_login(charlie)
    assert [client.get(url).status_code for url in urls] == [404] * 4
    dalarna_admin = MembershipFactory(region=dalarna, role="administrator").user
    client.force_login(dalarna_admin)
    other = reverse("organisations_setup:edit", args=["dalarna", mine.pk])
    assert client.get(other).status_code == 404
    assert (
        client.get(reverse("organisations_setup:edit", args=["dalarna", theirs.pk])).status_code
        == 200
    )


def test_list_filters_and_runs_as_many_queries_for_fifty_as_for_one(client, admin, blekinge):
    client.force_login(admin)
    url = reverse("organisations_setup:list", args=["blekinge"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for number in range(50):
        OrganisationFactory(
            region=blekinge,
            kind="civil_society",
            civil_society_type="charity",
            code="",
            name=f"Förening {number}",
        )
    assert count() == few
    assert "1 organisation" in text(client.get(url, {"kind": "region"}))
    page = text(client.get(url, {"q": "förening 49"}))
    assert "1 organisation –" in page and "Förening 49" in page
