"""Invitations to a role (issue 14, item 4): a region administrator or county coordinator
invites a person by e-mail to a role in one of the region's organisations; the link in the mail
lets them set up a local account or sign in (also with their organisation's login) and take the
role.

Who may invite to what is in accounts.rules (accounts.invite_person, manage_invitations). The
link carries a random token (secrets.token_urlsafe); the invitation stores only its SHA-256
hash (RoleInvitation.hash_token). A link is used once, expires after ROLE_INVITATION_DAYS and can
be withdrawn; sending it again gives a new link and the old one stops working. The mail goes
through the outbox (core.mail), so a mail server that is down neither loses the invitation nor
breaks the page: the list shows the mail as not sent and offers to send it again."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_long_date
from pusselbit.core.mail import call_off, queue_mail
from pusselbit.core.middleware import site_url
from pusselbit.core.permissions import require
from pusselbit.core.scoping import scope
from pusselbit.core.submissions import claim

from ..enums import InvitationStatus, Role
from ..models import Membership, RoleInvitation, User

# 32 random bytes: 43 characters in the link.
TOKEN_BYTES = 32


class InvitationClosed(Exception):
    """The invitation can no longer be used or changed: `reason` is its status (accepted,
    withdrawn, expired) or "inviter" when whoever invited may no longer give the role."""

    def __init__(self, invitation: RoleInvitation, reason: str):
        self.invitation, self.reason = invitation, reason
        super().__init__(reason)


class AlreadyAccepted(Exception):
    """The same person accepted the invitation before (a double click, a second tab): they
    have the role, and nothing more is done."""

    def __init__(self, invitation: RoleInvitation):
        self.invitation = invitation
        super().__init__(str(invitation))


class SentAlready(Exception):
    """The invitation was sent again since the page that asks to send it was shown."""


def _new_token(invitation: RoleInvitation) -> str:
    """Give the invitation a new link and validity; the raw token, for the mail only."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_hash = RoleInvitation.hash_token(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.ROLE_INVITATION_DAYS)
    return token


def _send(invitation: RoleInvitation, token: str) -> None:
    """Queue the invitation's mail (sent after the commit), in the site's language: the
    invitee has no account whose language could be asked."""
    url = site_url(reverse("accept_invitation", args=[token]))
    inviter = invitation.invited_by
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "name": invitation.name,
            "inviter": (inviter.get_full_name() or inviter.username) if inviter else "Pusselbit",
            "role": invitation.get_role_display(),
            "organisation": invitation.organisation.name,
            "region": invitation.region.name,
            "url": url,
            "date": format_long_date(timezone.localdate(invitation.expires_at)),
        }
        subject = _("Invitation to Pusselbit: %(role)s in %(region)s") % values
        greeting = _("Hello %(name)s,") % values if invitation.name else _("Hello,")
        body = (
            greeting
            + "\n\n"
            + _(
                "%(inviter)s invites you to work in Pusselbit as %(role)s for %(organisation)s "
                "in %(region)s.\n\n"
                "Open this link to set up your account, or to sign in with an account you have "
                "or with your organisation's login:\n%(url)s\n\n"
                "The link can be used once and is valid until %(date)s. If you did not expect "
                "this invitation, you need not do anything.\n"
            )
            % values
        )
    invitation.mail = queue_mail(
        to=[invitation.email], subject=subject, body=body, region=invitation.region
    )
    invitation.times_sent += 1


@transaction.atomic
def invite_person(
    region,
    *,
    actor,
    email: str,
    organisation,
    role: Role,
    name: str = "",
    submission=None,
) -> RoleInvitation:
    """Invite `email` to `role` in `region` on behalf of `organisation` (which must act in the
    region). Side effects: the invitation, its mail in the outbox (sent after the commit) and
    the audit entry invitation.created. Refused while the same address has a pending invitation
    to the same role and organisation: that one is sent again instead."""
    invitation = RoleInvitation(
        region=region,
        organisation=organisation,
        role=role,
        email=email.strip(),
        name=name.strip(),
        invited_by=actor if actor is not None and actor.is_authenticated else None,
    )
    require(actor, "accounts.invite_person", invitation)
    once = claim(submission, actor=actor)
    token = _new_token(invitation)
    invitation.full_clean()
    twin = RoleInvitation.objects.filter(
        region=region,
        organisation=organisation,
        role=role,
        email__iexact=invitation.email,
        accepted_at=None,
        withdrawn_at=None,
        expires_at__gt=timezone.now(),
    )
    if twin.exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s has a pending invitation to this role already; send that one "
                    "again from the list of invitations."
                )
                % {"email": invitation.email}
            }
        )
    invitation.save()
    _send(invitation, token)
    invitation.save(update_fields=["mail", "times_sent"])
    once.made(invitation)
    audit.record(
        "invitation.created",
        invitation,
        actor=actor,
        email=invitation.email,
        role=role,
        organisation=organisation.pk,
        region=region.pk,
    )
    return invitation


def _locked(invitation: RoleInvitation) -> RoleInvitation:
    return (
        RoleInvitation.objects.select_for_update(of=("self",))
        .select_related("region", "organisation", "invited_by")
        .get(pk=invitation.pk)
    )


def _refuse_if_closed(invitation: RoleInvitation, *, expired_too: bool) -> None:
    status = invitation.status
    if status in (InvitationStatus.ACCEPTED, InvitationStatus.WITHDRAWN) or (
        expired_too and status == InvitationStatus.EXPIRED
    ):
        raise InvitationClosed(invitation, status)


def _call_off_mail(invitation: RoleInvitation) -> None:
    """The invitation's mail, if it still waits for a mail server that is down, is not to carry
    a link that no longer works once the server is back."""
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Not sent: the invitation was sent again or withdrawn, so its link is void.")
    call_off(invitation.mail, reason)


@transaction.atomic
def withdraw_invitation(invitation: RoleInvitation, *, actor) -> RoleInvitation:
    """Withdraw an invitation that is not accepted: its link stops working. Side effects: the
    row and the audit entry invitation.withdrawn. Raises InvitationClosed when it was accepted
    or withdrawn already."""
    require(actor, "accounts.manage_invitations", invitation)
    locked = _locked(invitation)
    _refuse_if_closed(locked, expired_too=False)
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor if actor is not None and actor.is_authenticated else None
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _call_off_mail(locked)
    audit.record("invitation.withdrawn", locked, actor=actor, email=locked.email)
    return locked


@transaction.atomic
def resend_invitation(invitation: RoleInvitation, *, actor, times_sent: int) -> RoleInvitation:
    """Send a pending or expired invitation again with a new link, valid for the full time; the
    old link stops working. `times_sent` is the count the asking page was shown at: a second
    click or tab finds it moved on and raises SentAlready, so one link goes out, not two.
    Side effects: the row, a mail in the outbox and the audit entry invitation.resent."""
    require(actor, "accounts.invite_person", invitation)
    locked = _locked(invitation)
    _refuse_if_closed(locked, expired_too=False)
    if locked.times_sent != times_sent:
        raise SentAlready()
    token = _new_token(locked)
    _call_off_mail(locked)
    _send(locked, token)
    locked.save(update_fields=["token_hash", "expires_at", "mail", "times_sent"])
    audit.record(
        "invitation.resent", locked, actor=actor, email=locked.email, times_sent=locked.times_sent
    )
    return locked


def _open_for(invitation: RoleInvitation, user: User | None) -> RoleInvitation:
    """The invitation locked, if it can still be accepted (by `user`, when known)."""
    locked = _locked(invitation)
    if locked.accepted_at and user is not None and locked.accepted_by_id == user.pk:
        raise AlreadyAccepted(locked)
    _refuse_if_closed(locked, expired_too=True)
    inviter = locked.invited_by
    # An invitation gives a role on its inviter's authority: one who has since lost the right
    # to give it (or whose account is closed) no longer does.
    if inviter is not None and not (
        inviter.is_active and inviter.has_perm("accounts.invite_person", locked)
    ):
        raise InvitationClosed(locked, "inviter")
    return locked


def _take(locked: RoleInvitation, user: User, *, new_account: bool) -> Membership:
    # The role is granted on the invitation's authority: the inviter grants it in the audit log.
    # Imported when used: the package imports this module at its end (a circular import).
    from . import _grant

    membership = _grant(
        Membership(
            user=user, region=locked.region, organisation=locked.organisation, role=locked.role
        ),
        actor=locked.invited_by,
        invitation=locked.pk,
    )
    locked.accepted_at, locked.accepted_by = timezone.now(), user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        "invitation.accepted",
        locked,
        actor=user,
        email=locked.email,
        role=locked.role,
        new_account=new_account,
    )
    return membership


@transaction.atomic
def accept_invitation(invitation: RoleInvitation, *, user: User) -> Membership:
    """The signed-in `user` accepts the invitation: they get its role. Side effects: the
    membership (audit entry membership.granted, by the inviter), the invitation marked used
    and the audit entry invitation.accepted. Raises AlreadyAccepted when `user` accepted it
    before, InvitationClosed when it cannot be used."""
    # The region the invitee is entering, which the request's scope (their own regions) lacks.
    with scope(region=invitation.region_id):
        return _take(_open_for(invitation, user), user, new_account=False)


@transaction.atomic
def accept_with_new_account(
    invitation: RoleInvitation,
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Set up a local account (with the invitation's e-mail, created for its region) and
    accept the invitation with it. Side effects: those of create_user and accept_invitation.
    Raises InvitationClosed when it cannot be used; ValidationError for a username taken."""
    # Imported when used: the package imports this module at its end (a circular import).
    from . import create_user

    with scope(region=invitation.region_id):
        locked = _open_for(invitation, None)
        # The system creates the account (actor None): the invitation is the authority, and
        # invitation.accepted below says by whom.
        user = create_user(
            username,
            actor=None,
            email=locked.email,
            first_name=first_name,
            last_name=last_name,
            password=password,
            created_in=locked.region,
        )
        _take(locked, user, new_account=True)
    return user
