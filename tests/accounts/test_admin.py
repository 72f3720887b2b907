import pytest
from django.urls import reverse

from pusselbit.accounts.models import Membership
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


def test_admin_is_closed_to_members_without_administrator_role(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response.url


def test_region_administrator_sees_only_own_region(client, blekinge_admin, charlie, alice):
    client.force_login(blekinge_admin)
    html = client.get(reverse("admin:accounts_membership_changelist")).content.decode()
    assert str(alice) in html
    assert str(charlie) not in html
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert ">alice<" in html and ">charlie<" not in html
    other = charlie.memberships.get()
    response = client.get(reverse("admin:accounts_membership_change", args=[other.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert client.get(reverse("admin:accounts_user_change", args=[charlie.pk])).status_code == 302


def test_region_administrator_grants_role_through_domain_function(client, blekinge, blekinge_admin):
    client.force_login(blekinge_admin)
    newcomer = UserFactory(username="eva")
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": newcomer.pk,
            "region": blekinge.pk,
            "organisation": karlskrona.pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, role="analyst", region=blekinge).exists()
    entry = AuditEntry.objects.get(action="membership.granted")
    assert entry.actor == blekinge_admin


def test_region_administrator_cannot_grant_role_in_other_region(client, blekinge_admin, dalarna):
    client.force_login(blekinge_admin)
    falun = OrganisationFactory(region=dalarna, name="Falun")
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": blekinge_admin.pk,
            "region": dalarna.pk,
            "organisation": falun.pk,
            "role": "analyst",
        },
    )
    assert response.status_code == 200  # the form again, with errors
    assert "region" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(region=dalarna, user=blekinge_admin).exists()


def test_region_administrator_cannot_rename_municipality(client, blekinge, blekinge_admin):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    client.force_login(blekinge_admin)
    url = reverse("admin:organisations_organisation_change", args=[karlskrona.pk])
    html = client.get(url).content.decode()
    assert 'name="name"' not in html  # shown read-only
    assert (
        client.get(
            reverse("admin:organisations_organisation_delete", args=[karlskrona.pk])
        ).status_code
        == 403
    )


def test_superuser_sees_every_region(client, charlie, alice):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    html = client.get(reverse("admin:accounts_membership_changelist")).content.decode()
    assert str(alice) in html and str(charlie) in html
