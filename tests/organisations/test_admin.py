"""Organisations in the admin, saved through the organisations' domain functions."""

import pytest
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.organisations.models import OperationArea, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


def inlines(**rows):
    data = {}
    for prefix in ("operation_areas", "member_links"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(rows)
    return data


def test_region_administrator_adds_organisation_with_operation_area(
    client, blekinge, blekinge_admin
):
    client.force_login(blekinge_admin)
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        inlines(
            region=blekinge.pk,
            kind="civil_society",
            name="Hjärnkoll Blekinge",
            code="",
            civil_society_type="user_organisation",
            **{
                "operation_areas-TOTAL_FORMS": "1",
                "operation_areas-0-name": "Brukarstöd",
            },
        ),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Hjärnkoll Blekinge")
    assert list(organisation.operation_areas.values_list("name", flat=True)) == ["Brukarstöd"]
    actions = set(AuditEntry.objects.filter(actor=blekinge_admin).values_list("action", flat=True))
    assert actions == {"organisation.created", "operation_area.added"}


def test_region_administrator_cannot_add_municipality(client, blekinge, blekinge_admin):
    client.force_login(blekinge_admin)
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        inlines(region=blekinge.pk, kind="municipality", name="Nyby", code="1099"),
    )
    assert response.status_code == 200
    assert "kind" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(name="Nyby").exists()


def test_organisation_change_writes_audit_entry(client, blekinge, blekinge_admin):
    association = OrganisationFactory(
        region=blekinge, kind="association", name="Förbundet", code=""
    )
    client.force_login(blekinge_admin)
    url = reverse("admin:organisations_organisation_change", args=[association.pk])
    response = client.post(url, inlines(kind="association", name="Kommunalförbundet", code=""))
    assert response.status_code == 302
    assert Organisation.objects.get(pk=association.pk).name == "Kommunalförbundet"
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert entry.actor == blekinge_admin
    assert entry.data["changed"]["name"] == ["Förbundet", "Kommunalförbundet"]


def test_organisation_that_must_report_is_not_removed(client, blekinge):
    """Removing it would have taken it silently off the reporting requirement."""
    from pusselbit.funds.domain import create_agreement
    from pusselbit.reporting.domain import import_question_set
    from pusselbit.reporting.domain.requirements import create_requirement
    from tests.reporting.test_domain import CSV

    association = OrganisationFactory(
        region=blekinge, kind="association", name="Förbundet", code=""
    )
    agreement = create_agreement("ÖK 2020", "Överenskommelse", 2020, "2020-12-31", actor=None)
    requirement = create_requirement(
        None,
        blekinge,
        agreement=agreement,
        kind="final",
        deadline="2021-03-31",
        question_set=import_question_set("F", "SKR", "f.csv", CSV.encode(), actor=None),
        recipients=[association],
    )
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("admin:organisations_organisation_delete", args=[association.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Organisation.objects.filter(pk=association.pk).exists()
    assert list(requirement.recipients.all()) == [association]
    assert "Det går inte att ta bort" in response.content.decode()


def test_operation_area_in_admin_is_renamed_and_removed_with_audit(
    client, blekinge, blekinge_admin
):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    area = OperationArea.objects.create(organisation=karlskrona, name="Elevhalsa")
    client.force_login(blekinge_admin)
    url = reverse("admin:organisations_operationarea_change", args=[area.pk])
    assert client.post(url, {"name": "Elevhälsa"}).status_code == 302
    assert OperationArea.objects.get(pk=area.pk).name == "Elevhälsa"
    url = reverse("admin:organisations_operationarea_delete", args=[area.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not OperationArea.objects.filter(pk=area.pk).exists()
    actions = list(
        AuditEntry.objects.filter(actor=blekinge_admin)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["operation_area.renamed", "operation_area.removed"]


def test_region_administrator_cannot_create_a_municipality_through_the_domain(
    blekinge, blekinge_admin, charlie
):
    """The admin's choices are not the guard: the domain function refuses it too."""
    from django.core.exceptions import PermissionDenied

    from pusselbit.organisations.domain import add_association_member, create_organisation

    with pytest.raises(PermissionDenied):
        create_organisation(blekinge, "Ny kommun", "municipality", actor=blekinge_admin)
    association = OrganisationFactory(region=blekinge, kind="association", code="")
    municipality = OrganisationFactory(region=blekinge, name="Karlshamn", code="1082")
    with pytest.raises(PermissionDenied):
        add_association_member(association, municipality, actor=charlie)  # of another region
    assert not Organisation.objects.filter(name="Ny kommun").exists()
    assert not association.member_links.exists()


def test_organisation_change_page_asks_the_same_queries_for_1_and_20_operation_areas(
    client, blekinge, blekinge_admin
):
    """Each inline row asks whether the organisation is the administrator's: once a request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = OrganisationFactory(
        region=blekinge, kind="civil_society", code="", civil_society_type="user_organisation"
    )
    address = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    client.force_login(blekinge_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured.captured_queries)

    OperationArea.objects.create(organisation=organisation, name="Område 0")
    queries()  # the first page fills the caches (content types and the like)
    one = queries()
    OperationArea.objects.bulk_create(
        OperationArea(organisation=organisation, name=f"Område {n}") for n in range(1, 20)
    )
    assert queries() == one <= 15


@pytest.mark.parametrize(
    ("kind", "civil_society_type"), [("civil_society", ""), ("association", "user_organisation")]
)
def test_civil_society_type_mismatch_is_a_field_error_not_the_constraint_name(
    client, blekinge, blekinge_admin, kind, civil_society_type
):
    client.force_login(blekinge_admin)
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        inlines(
            region=blekinge.pk,
            kind=kind,
            name="Hjärnkoll Blekinge",
            code="",
            civil_society_type=civil_society_type,
        ),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["civil_society_type"]
    assert "civil_society_type_iff_civil_society" not in response.content.decode()
    assert not Organisation.objects.filter(name="Hjärnkoll Blekinge").exists()
