"""Issue 14, item 5: the region runs itself. The region administrator looks after the region's
accounts and roles in pages; the county coordinator keeps the meeting bodies (coordination
group, LSVO), and only them; "invite by role" reaches a body's members."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.accounts.domain import change_membership, grant_role, revoke_role
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.fixture
def admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="ada").user


@pytest.fixture
def regional(blekinge):
    return blekinge.organisations.get(kind="region")


# Rules and domain: who may give and take which role.


def test_county_coordinator_gives_and_takes_the_body_roles(alice, bob, blekinge, regional):
    for role in (Role.COORDINATION_GROUP_MEMBER, Role.LSVO_MEMBER):
        membership = grant_role(bob, blekinge, regional, role, actor=alice)
        assert AuditEntry.objects.filter(action="membership.granted", target_id=membership.pk)
        revoke_role(membership, actor=alice)
    assert not bob.memberships.filter(role__in=["coordination_group_member", "lsvo_member"])
    assert AuditEntry.objects.filter(action="membership.revoked").count() == 2


def test_county_coordinator_may_not_give_other_roles(alice, bob, blekinge, regional):
    with pytest.raises(PermissionDenied):
        grant_role(bob, blekinge, regional, Role.ADMINISTRATOR, actor=alice)
    with pytest.raises(PermissionDenied):
        revoke_role(bob.memberships.get(), actor=alice)  # bob's initiator role
    lsvo = grant_role(bob, blekinge, regional, Role.LSVO_MEMBER, actor=alice)
    with pytest.raises(PermissionDenied):  # nor turn a body's seat into another role
        change_membership(
            lsvo, actor=alice, region=blekinge, organisation=regional, role=Role.FINANCE_OFFICER
        )


def test_initiator_and_other_region_give_no_body_role(alice, bob, charlie, blekinge, regional):
    for actor in (bob, charlie):
        with pytest.raises(PermissionDenied):
            grant_role(alice, blekinge, regional, Role.LSVO_MEMBER, actor=actor)


def test_county_coordinator_gives_a_body_role_only_to_someone_of_the_region(
    alice, charlie, blekinge, regional
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        grant_role(charlie, blekinge, regional, Role.LSVO_MEMBER, actor=alice)
    assert "user" in refused.value.message_dict


def test_region_administrator_still_gives_any_role(admin, bob, blekinge, regional):
    membership = grant_role(bob, blekinge, regional, Role.FINANCE_OFFICER, actor=admin)
    assert membership.role == "finance_officer"


# The hub and the menu.


def test_hub_lists_each_role_its_own_sections(client, admin, alice, blekinge):
    MembershipFactory(region=blekinge, role="finance_officer", user__username="eko")
    url = reverse("start:region_administration", args=["blekinge"])
    expected = {
        "ada": ["Medlemmar och roller", "Organisationer och verksamhetsområden", "Mötesorgan"],
        "alice": ["Mötesorgan"],
        "eko": ["Avtalsmedel", "Befolkningssiffror"],
    }
    for username, sections in expected.items():
        client.force_login(UserFactory(username=username))
        page = text(client.get(url))
        assert "Regionadministration" in page  # the menu leads here
        assert all(section in page for section in sections), username
    assert "Medlemmar och roller" not in text(client.get(url))


def test_hub_is_403_to_an_initiator_and_404_to_another_region(client, bob, charlie):
    url = reverse("start:region_administration", args=["blekinge"])
    client.force_login(bob)
    assert client.get(url).status_code == 403
    assert "Regionadministration" not in text(client.get(reverse("start:start")))
    client.force_login(charlie)
    assert client.get(url).status_code == 404


# Members and roles.


def test_members_list_filters_by_role_organisation_and_name(client, admin, alice, bob, blekinge):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    MembershipFactory(
        region=blekinge, organisation=karlskrona, role="initiator", user__first_name="Greta"
    )
    client.force_login(admin)
    url = reverse("accounts:members", args=["blekinge"])
    assert "3 konton" not in text(client.get(url))
    assert "4 konton" in text(client.get(url))
    assert "2 konton" in text(client.get(url, {"role": "initiator"}))
    assert "1 konto" in text(client.get(url, {"organisation": karlskrona.pk}))
    page = text(client.get(url, {"q": "Greta"}))
    assert "1 konto" in page and "Initiativtagare, Karlskrona" in page


def test_members_list_runs_as_many_queries_for_fifty_accounts_as_for_one(client, admin, blekinge):
    client.force_login(admin)
    url = reverse("accounts:members", args=["blekinge"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for _ in range(50):
        MembershipFactory(region=blekinge, role="initiator")
    assert count() == few


def test_members_pages_are_403_to_a_coordinator_and_404_to_another_region(
    client, alice, charlie, bob
):
    members = reverse("accounts:members", args=["blekinge"])
    account = reverse("accounts:account", args=["blekinge", bob.pk])
    client.force_login(alice)
    assert client.get(members).status_code == 403
    assert client.get(account).status_code == 403
    client.force_login(charlie)
    assert client.get(members).status_code == 404
    assert client.get(account).status_code == 404


def test_another_regions_account_is_404_under_the_region(client, admin, charlie):
    client.force_login(admin)
    url = reverse("accounts:account", args=["blekinge", charlie.pk])
    assert client.get(url).status_code == 404


def test_administrator_gives_changes_and_takes_back_a_role(client, admin, bob, blekinge, regional):
    client.force_login(admin)
    url = reverse("accounts:account", args=["blekinge", bob.pk])
    data = {"action": "grant", "organisation": regional.pk, "role": "analyst"}
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # sent twice: still one role
    analyst = bob.memberships.get(role="analyst")
    change = reverse("accounts:membership", args=["blekinge", bob.pk, analyst.pk])
    client.post(change, {"organisation": regional.pk, "role": "communicator"})
    analyst.refresh_from_db()
    assert analyst.role == "communicator"
    client.post(url, {"action": "revoke", "membership": analyst.pk})
    page = text(client.post(url, {"action": "revoke", "membership": analyst.pk}, follow=True))
    assert "redan tagits tillbaka" in page
    assert list(bob.memberships.values_list("role", flat=True)) == ["initiator"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"membership.granted", "membership.changed", "membership.revoked"} <= actions


def test_grant_form_shows_errors_next_to_the_field(client, admin, bob):
    client.force_login(admin)
    url = reverse("accounts:account", args=["blekinge", bob.pk])
    response = client.post(url, {"action": "grant", "organisation": "x", "role": "emperor"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"organisation", "role"}


def test_administrator_deactivates_and_reactivates_an_account_of_the_region(client, admin, bob):
    client.force_login(admin)
    url = reverse("accounts:account", args=["blekinge", bob.pk])
    client.post(url, {"action": "deactivate"})
    bob.refresh_from_db()
    assert not bob.is_active
    client.post(url, {"action": "reactivate"})
    bob.refresh_from_db()
    assert bob.is_active
    assert AuditEntry.objects.filter(action="user.changed", target_id=bob.pk).count() == 2


def test_an_account_of_two_regions_is_not_deactivated_by_one(client, admin, bob, dalarna):
    MembershipFactory(user=bob, region=dalarna, role="initiator")
    client.force_login(admin)
    url = reverse("accounts:account", args=["blekinge", bob.pk])
    page = text(client.post(url, {"action": "deactivate"}, follow=True))
    bob.refresh_from_db()
    assert bob.is_active
    assert "tillhör också en annan region" in page


def test_administrator_cannot_deactivate_themselves(client, admin):
    client.force_login(admin)
    client.post(reverse("accounts:account", args=["blekinge", admin.pk]), {"action": "deactivate"})
    admin.refresh_from_db()
    assert admin.is_active


# Meeting bodies.


def test_coordinator_adds_and_removes_a_body_member(client, alice, bob, blekinge, regional):
    client.force_login(alice)
    url = reverse("accounts:bodies", args=["blekinge"])
    data = {"action": "add", "user": bob.pk, "role": "lsvo_member", "organisation": regional.pk}
    assert client.post(url, data).status_code == 302
    page = text(client.get(url))
    assert 'LSVO <span class="meta">(1)</span>' in page and bob.get_full_name() in page
    seat = Membership.objects.get(user=bob, role="lsvo_member")
    client.post(url, {"action": "remove", "membership": seat.pk})
    assert not Membership.objects.filter(user=bob, role="lsvo_member").exists()


def test_body_page_removes_no_other_role(client, alice, bob):
    client.force_login(alice)
    url = reverse("accounts:bodies", args=["blekinge"])
    initiator = bob.memberships.get()
    page = text(client.post(url, {"action": "remove", "membership": initiator.pk}, follow=True))
    assert bob.memberships.filter(pk=initiator.pk).exists()
    assert "redan tagits tillbaka" in page


def test_body_form_offers_the_two_bodies_and_the_regions_people_only(client, alice, bob, charlie):
    client.force_login(alice)
    form = client.get(reverse("accounts:bodies", args=["blekinge"])).context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        "coordination_group_member",
        "lsvo_member",
    ]
    assert set(form.fields["user"].queryset) == {alice, bob}
    response = client.post(
        reverse("accounts:bodies", args=["blekinge"]),
        {"action": "add", "user": charlie.pk, "role": "lsvo_member", "organisation": ""},
    )
    assert response.context["form"].errors.keys() == {"user", "organisation"}


def test_body_page_is_403_to_an_initiator_and_404_to_another_region(client, bob, charlie):
    url = reverse("accounts:bodies", args=["blekinge"])
    client.force_login(bob)
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_body_page_runs_as_many_queries_for_fifty_members_as_for_one(client, alice, blekinge):
    client.force_login(alice)
    url = reverse("accounts:bodies", args=["blekinge"])
    MembershipFactory(region=blekinge, role="lsvo_member")
    MembershipFactory(region=blekinge, role="coordination_group_member")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for _ in range(50):
        MembershipFactory(region=blekinge, role="lsvo_member")
        MembershipFactory(region=blekinge, role="coordination_group_member")
    assert count() == few
