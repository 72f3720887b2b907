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
