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
