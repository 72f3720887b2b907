"""Invitations to a role, the domain: who may invite to what, a link used once, expiring and
withdrawn, the role granted on the inviter's authority, and every step audited."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pusselbit.accounts import domain
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, RoleInvitation, User
from pusselbit.accounts.queries import invitation_for_token
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adam(blekinge):
    """Blekinge's region administrator."""
    return MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR, user__username="adam").user


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, name="Karlskrona")


def _invite(actor, region, organisation, *, role=Role.LOCAL_COORDINATOR, email="dora@example.org"):
    return domain.invite_person(
        region, actor=actor, email=email, organisation=organisation, role=role, name="Dora Ek"
    )


def _token(message) -> str:
    return re.search(r"/konto/inbjudan/([^/]+)/", message.body).group(1)


def test_invite_person_stores_a_hash_and_mails_the_link(
    adam, blekinge, karlskrona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(adam, blekinge, karlskrona)

    [message] = mail.outbox
    token = _token(message)
    assert message.to == ["dora@example.org"]
    assert message.subject == "Inbjudan till Pusselbit: Lokal samordnare i Region Blekinge"
    assert "Hej Dora Ek," in message.body and "Karlskrona" in message.body
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert invitation_for_token(token) == invitation
    assert invitation.status == "pending" and invitation.times_sent == 1
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13)
    entry = AuditEntry.objects.get(action="invitation.created")
    assert entry.actor == adam and entry.target == invitation


def test_invite_person_refuses_an_organisation_of_another_region(adam, blekinge, dalarna):
    falun = OrganisationFactory(region=dalarna, name="Falun")
    with pytest.raises(ValidationError) as error:
        _invite(adam, blekinge, falun)
    assert "Falun" in str(error.value)
    assert not RoleInvitation.objects.exists()


def test_invite_person_refuses_a_second_pending_invitation_to_the_same_role(
    adam, blekinge, karlskrona
):
    _invite(adam, blekinge, karlskrona)
    with pytest.raises(ValidationError) as error:
        _invite(adam, blekinge, karlskrona, email="DORA@example.org")
    assert "email" in error.value.message_dict
    _invite(adam, blekinge, karlskrona, role=Role.ANALYST)  # another role is another invitation


def test_county_coordinator_invites_to_every_role_but_administrator(alice, blekinge, karlskrona):
    assert _invite(alice, blekinge, karlskrona, role=Role.COUNTY_COORDINATOR).pk
    with pytest.raises(PermissionDenied):
        _invite(alice, blekinge, karlskrona, role=Role.ADMINISTRATOR, email="x@example.org")


def test_region_administrator_invites_an_administrator(adam, blekinge, karlskrona):
    assert _invite(adam, blekinge, karlskrona, role=Role.ADMINISTRATOR).role == "administrator"


def test_others_may_not_invite_nor_withdraw(bob, charlie, adam, blekinge, karlskrona):
    for someone in (bob, charlie):  # another role in the region; a coordinator of another
        with pytest.raises(PermissionDenied):
            _invite(someone, blekinge, karlskrona)
    invitation = _invite(adam, blekinge, karlskrona)
    for someone in (bob, charlie):
        with pytest.raises(PermissionDenied):
            domain.withdraw_invitation(invitation, actor=someone)


def test_accept_grants_the_role_on_the_inviters_authority(alice, bob, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)

    membership = domain.accept_invitation(invitation, user=bob)

    assert (membership.user, membership.organisation, membership.role) == (
        bob,
        karlskrona,
        "local_coordinator",
    )
    granted = AuditEntry.objects.get(action="membership.granted")
    assert granted.actor == alice and granted.data["invitation"] == invitation.pk
    accepted = AuditEntry.objects.get(action="invitation.accepted")
    assert accepted.actor == bob and accepted.data["new_account"] is False
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == bob


def test_a_link_is_used_once(alice, bob, charlie, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)
    domain.accept_invitation(invitation, user=bob)

    with pytest.raises(domain.AlreadyAccepted):  # the same person again: harmless
        domain.accept_invitation(invitation, user=bob)
    with pytest.raises(domain.InvitationClosed) as closed:
        domain.accept_invitation(invitation, user=charlie)
    assert closed.value.reason == "accepted"
    assert not charlie.memberships.filter(region=blekinge).exists()
    assert Membership.objects.filter(user=bob, role="local_coordinator").count() == 1


def test_an_expired_link_is_refused(alice, bob, blekinge, karlskrona, settings):
    settings.ROLE_INVITATION_DAYS = 3
    invitation = _invite(alice, blekinge, karlskrona)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)):
        assert invitation.status == "expired"
        with pytest.raises(domain.InvitationClosed) as closed:
            domain.accept_invitation(invitation, user=bob)
    assert closed.value.reason == "expired"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert invitation.status == "pending"


def test_a_withdrawn_link_is_refused_and_withdrawing_again_is_told(
    alice, adam, bob, blekinge, karlskrona
):
    invitation = _invite(adam, blekinge, karlskrona)
    domain.withdraw_invitation(invitation, actor=alice)

    with pytest.raises(domain.InvitationClosed) as closed:
        domain.accept_invitation(invitation, user=bob)
    assert closed.value.reason == "withdrawn"
    with pytest.raises(domain.InvitationClosed):
        domain.withdraw_invitation(invitation, actor=adam)
    invitation.refresh_from_db()
    assert invitation.withdrawn_by == alice
    assert AuditEntry.objects.get(action="invitation.withdrawn").actor == alice
    assert RoleInvitation.objects.filter(pk=invitation.pk).exists()  # never deleted


def test_an_invitation_of_an_inviter_who_lost_the_role_is_refused(alice, bob, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)
    alice.memberships.all().delete()
    with pytest.raises(domain.InvitationClosed) as closed:
        domain.accept_invitation(invitation, user=bob)
    assert closed.value.reason == "inviter"


def test_resend_gives_a_new_link_and_the_old_one_stops_working(
    alice, blekinge, karlskrona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(alice, blekinge, karlskrona)
    with django_capture_on_commit_callbacks(execute=True):
        domain.resend_invitation(invitation, actor=alice, times_sent=1)
    first, second = (_token(message) for message in mail.outbox)

    assert invitation_for_token(first) is None
    assert invitation_for_token(second).times_sent == 2
    with pytest.raises(domain.SentAlready):  # a second click on the page shown at 1
        domain.resend_invitation(invitation, actor=alice, times_sent=1)
    assert AuditEntry.objects.filter(action="invitation.resent").count() == 1


def test_resend_and_withdraw_call_off_a_mail_still_waiting(alice, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)  # not committed: its mail waits
    first = invitation.mail
    domain.resend_invitation(invitation, actor=alice, times_sent=1)
    invitation.refresh_from_db()
    domain.withdraw_invitation(invitation, actor=alice)
    for waiting in (first, invitation.mail):
        waiting.refresh_from_db()
        assert waiting.status == "failed" and "ogiltig" in waiting.last_error


def test_a_county_coordinator_may_not_resend_an_administrators_invitation(
    adam, alice, blekinge, karlskrona
):
    invitation = _invite(adam, blekinge, karlskrona, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        domain.resend_invitation(invitation, actor=alice, times_sent=1)
    domain.withdraw_invitation(invitation, actor=alice)  # but may withdraw it


def test_accept_with_new_account_creates_a_local_account_of_the_region(alice, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)

    user = domain.accept_with_new_account(
        invitation, username="dora", password="ett-bra-losenord-77", first_name="Dora"
    )

    assert user.email == "dora@example.org" and user.created_in == blekinge
    assert user.check_password("ett-bra-losenord-77")
    assert user.memberships.get().role == "local_coordinator"
    assert AuditEntry.objects.get(action="invitation.accepted").data["new_account"] is True
    assert AuditEntry.objects.filter(action="user.created", target_id=str(user.pk)).exists()
    with pytest.raises(domain.InvitationClosed):
        domain.accept_with_new_account(invitation, username="dora2", password="x")
    assert not User.objects.filter(username="dora2").exists()


def test_accept_with_a_taken_username_changes_nothing(alice, bob, blekinge, karlskrona):
    invitation = _invite(alice, blekinge, karlskrona)
    with pytest.raises(ValidationError) as error:
        domain.accept_with_new_account(invitation, username="bob", password="ett-bra-losen-77")
    assert "username" in error.value.message_dict
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_organisation_acting_through_an_association_is_invited_to(adam):
    from pusselbit.organisations.models import AssociationMembership
    from tests.factories import RegionFactory

    vg = RegionFactory(code="14", slug="vastra-gotaland")
    MembershipFactory(user=adam, region=vg, role=Role.ADMINISTRATOR)
    halland = RegionFactory(code="13", slug="halland")
    gr = OrganisationFactory(region=vg, kind="association", code="GR", name="GR")
    kungsbacka = OrganisationFactory(region=halland, name="Kungsbacka")
    AssociationMembership.objects.create(association=gr, member=kungsbacka)

    invitation = _invite(adam, vg, kungsbacka)
    user = domain.accept_with_new_account(invitation, username="kim", password="ett-bra-77-x")
    assert user.memberships.get().organisation == kungsbacka
