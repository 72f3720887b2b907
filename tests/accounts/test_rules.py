import pytest

pytestmark = pytest.mark.django_db


def test_region_member_may_view_own_region_only(alice, bob, charlie, blekinge, dalarna):
    assert alice.has_perm("organisations.view_region", blekinge)
    assert bob.has_perm("organisations.view_region", blekinge)
    assert not charlie.has_perm("organisations.view_region", blekinge)
    assert charlie.has_perm("organisations.view_region", dalarna)


def test_only_administrators_administer_region(alice, blekinge):
    from tests.factories import MembershipFactory

    admin = MembershipFactory(region=blekinge, role="administrator").user
    assert admin.has_perm("accounts.administer_region", blekinge)
    assert not alice.has_perm("accounts.administer_region", blekinge)


def test_within_a_request_the_roles_are_read_once(
    alice, blekinge, dalarna, django_assert_num_queries
):
    from pusselbit.accounts.models import User
    from pusselbit.accounts.rules import remember_roles

    remember_roles(alice)
    with django_assert_num_queries(1):
        assert alice.has_perm("organisations.view_region", blekinge)
        assert alice.has_perm("reporting.manage_reporting", blekinge)
        assert not alice.has_perm("accounts.administer_region", blekinge)
        assert not alice.has_perm("organisations.view_region", dalarna)
    # Outside a request (a fresh user object) every rule asks the database.
    fresh = User.objects.get(pk=alice.pk)
    with django_assert_num_queries(2):
        assert fresh.has_perm("organisations.view_region", blekinge)
        assert not fresh.has_perm("organisations.view_region", dalarna)


def test_the_pages_read_the_roles_once_per_request(client, alice, blekinge):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        client.get("/regioner/blekinge/satsningar/")
    role_reads = [q["sql"] for q in queries if '"accounts_membership"."role"' in q["sql"]]
    exists_reads = [
        q["sql"] for q in queries if 'SELECT 1 AS "a" FROM "accounts_membership"' in q["sql"]
    ]
    assert len(role_reads) == 1 and not exists_reads


# The one place that says which roles a user holds in a region (accounts.rules), and its inverse
# (accounts.queries.members_with_roles).


def test_within_a_request_every_ask_about_roles_is_one_query(
    alice, blekinge, dalarna, django_assert_num_queries
):
    from pusselbit.accounts.rules import (
        administered_region_ids,
        organisations_in,
        regions_of,
        remember_roles,
        roles_by_region,
        roles_in,
    )
    from tests.factories import MembershipFactory

    regional = blekinge.organisations.get(kind="region")
    MembershipFactory(user=alice, region=dalarna, role="administrator")
    remember_roles(alice)
    with django_assert_num_queries(1):
        assert roles_in(alice, blekinge) == {"county_coordinator"}
        assert roles_in(alice, blekinge.pk) == {"county_coordinator"}
        assert roles_in(alice, dalarna) == {"administrator"}
        assert organisations_in(alice, blekinge) == {regional.pk}
        assert roles_by_region(alice) == {
            blekinge.pk: {"county_coordinator"},
            dalarna.pk: {"administrator"},
        }
        assert administered_region_ids(alice) == {dalarna.pk}
        # The menu's regions come with the roles, by name.
        assert [region.name for region in regions_of(alice)] == [
            "Region Blekinge",
            "Region Dalarna",
        ]
        assert alice.has_perm("reporting.manage_reporting", blekinge)
        assert not alice.has_perm("accounts.administer_region", blekinge)


def test_a_user_without_roles_is_remembered_too(blekinge, django_assert_num_queries):
    from pusselbit.accounts.rules import regions_of, remember_roles, roles_in
    from tests.factories import UserFactory

    nobody = UserFactory()
    remember_roles(nobody)
    with django_assert_num_queries(1):
        assert roles_in(nobody, blekinge) == frozenset()
        assert roles_in(nobody, blekinge) == frozenset()
        assert regions_of(nobody) == []


def test_outside_a_request_a_new_membership_counts_at_once(alice, blekinge, dalarna):
    from pusselbit.accounts.rules import organisations_in, regions_of, roles_by_region, roles_in
    from tests.factories import MembershipFactory

    assert roles_in(alice, blekinge) == {"county_coordinator"}
    assert roles_in(alice, dalarna) == frozenset()
    assert not alice.has_perm("accounts.administer_region", dalarna)
    membership = MembershipFactory(user=alice, region=dalarna, role="administrator")
    assert roles_in(alice, dalarna) == {"administrator"}
    assert organisations_in(alice, dalarna) == {membership.organisation_id}
    assert roles_by_region(alice)[dalarna.pk] == {"administrator"}
    assert dalarna in regions_of(alice)
    assert alice.has_perm("accounts.administer_region", dalarna)
    membership.delete()
    assert roles_in(alice, dalarna) == frozenset()


@pytest.mark.parametrize("in_a_request", [False, True])
def test_a_user_of_another_region_holds_no_roles_there(charlie, blekinge, dalarna, in_a_request):
    from pusselbit.accounts.rules import organisations_in, regions_of, remember_roles, roles_in

    if in_a_request:
        remember_roles(charlie)
    assert roles_in(charlie, blekinge) == frozenset()
    assert organisations_in(charlie, blekinge) == frozenset()
    assert roles_in(charlie, dalarna) == {"county_coordinator"}
    assert regions_of(charlie) == [dalarna]


def test_the_signed_out_hold_no_roles(blekinge):
    from django.contrib.auth.models import AnonymousUser

    from pusselbit.accounts.rules import organisations_in, regions_of, roles_by_region, roles_in

    anonymous = AnonymousUser()
    assert roles_in(anonymous, blekinge) == frozenset()
    assert organisations_in(anonymous, blekinge) == frozenset()
    assert roles_by_region(anonymous) == {} and regions_of(anonymous) == []


def test_members_with_roles_is_each_holder_once(alice, bob, charlie, blekinge, dalarna):
    from pusselbit.accounts.queries import members_with_roles
    from tests.factories import MembershipFactory, OrganisationFactory

    municipality = OrganisationFactory(region=blekinge, code="1080", name="Karlskrona")
    MembershipFactory(user=alice, region=blekinge, role="initiator", organisation=municipality)
    holders = members_with_roles(blekinge, ["county_coordinator", "initiator"])
    assert sorted(user.username for user in holders) == ["alice", "bob"]
    assert list(members_with_roles(blekinge, ["county_coordinator"])) == [alice]
    assert list(members_with_roles(dalarna, ["county_coordinator"])) == [charlie]
    assert list(members_with_roles(blekinge.pk, ["initiator"], organisation=municipality)) == [
        alice
    ]
    assert sorted(user.username for user in members_with_roles(blekinge)) == ["alice", "bob"]
    assert not members_with_roles(blekinge, [])


def test_the_menu_costs_no_query_of_its_own(client, alice, blekinge, dalarna):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MembershipFactory

    MembershipFactory(user=alice, region=dalarna, role="initiator")
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "Initiatives in Region Dalarna" in html or "Satsningar i Region Dalarna" in html
    distinct_regions = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT DISTINCT "organisations_region"')
    ]
    assert not distinct_regions
