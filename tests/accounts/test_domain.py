import pytest
from django.core.exceptions import ValidationError

from pusselbit.accounts.domain import create_user, grant_role, revoke_role
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership
from pusselbit.core.models import AuditEntry
from pusselbit.organisations.models import AssociationMembership
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_grant_role_records_membership_and_audit(blekinge):
    adam = MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR).user
    user = create_user("dora", actor=adam, email="dora@example.org", created_in=blekinge)
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    membership = grant_role(user, blekinge, karlskrona, Role.LOCAL_COORDINATOR, actor=adam)
    assert membership.get_role_display() == "Lokal samordnare"
    entry = AuditEntry.objects.filter(action="membership.granted").get()
    assert entry.actor == adam and entry.target == membership
    assert not user.has_usable_password()  # sets one through password reset


def test_grant_role_twice_is_one_membership(blekinge, alice):
    regional = blekinge.organisations.get(kind="region")
    grant_role(alice, blekinge, regional, Role.COUNTY_COORDINATOR, actor=None)
    assert Membership.objects.filter(user=alice).count() == 1


def test_grant_role_refuses_organisation_of_other_region(blekinge, dalarna, alice):
    falun = OrganisationFactory(region=dalarna, name="Falun")
    with pytest.raises(ValidationError) as error:
        grant_role(alice, blekinge, falun, Role.INITIATOR, actor=None)
    assert "Falun" in str(error.value)


def test_grant_role_allows_association_member_from_other_county(alice):
    vg = RegionFactory(code="14", slug="vastra-gotaland")
    halland = RegionFactory(code="13", slug="halland")
    gr = OrganisationFactory(region=vg, kind="association", code="GR", name="GR")
    kungsbacka = OrganisationFactory(region=halland, name="Kungsbacka")
    AssociationMembership.objects.create(association=gr, member=kungsbacka)
    membership = grant_role(alice, vg, kungsbacka, Role.LOCAL_COORDINATOR, actor=None)
    assert membership.region == vg


def test_revoke_role_removes_access(client, alice, blekinge):
    membership = alice.memberships.get()
    revoke_role(membership, actor=None)
    client.force_login(alice)
    assert client.get(f"/regioner/{blekinge.slug}/kommuner/").status_code == 404
    assert AuditEntry.objects.filter(action="membership.revoked").exists()


def test_administrator_of_two_regions_gives_a_role_only_where_the_user_belongs(
    blekinge, dalarna, alice
):
    both = MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR).user
    MembershipFactory(user=both, region=dalarna, role=Role.ADMINISTRATOR)
    falun = OrganisationFactory(region=dalarna, name="Falun")
    with pytest.raises(ValidationError) as refused:
        grant_role(alice, dalarna, falun, Role.INITIATOR, actor=both)
    assert "user" in refused.value.message_dict
    assert not alice.memberships.filter(region=dalarna).exists()
