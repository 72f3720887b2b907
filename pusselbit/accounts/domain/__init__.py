"""Every write to users and memberships goes through these functions.

Who may do what is in accounts.rules: the platform operator anything; a region administrator
creates accounts for their own region, changes the accounts that belong to their regions alone
and gives and takes their own region's roles; a person changes their own password. The system
itself (actor None: the demo, a management command) acts on no one's roles. A county
coordinator gives and takes the roles of the region's meeting bodies (coordination group, LSVO)."""

import axes.utils
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require
from pusselbit.organisations.models import Organisation, Region

from ..enums import Role
from ..models import Membership, User

# What a region administrator may change on an account that belongs to their regions alone.
ACCOUNT_FIELDS = ["username", "first_name", "last_name", "email", "is_active"]
# What only the platform operator sets.
PLATFORM_FLAGS = ["is_staff", "is_superuser"]


@transaction.atomic
def create_user(
    username: str,
    *,
    actor,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    created_in: Region | None = None,
) -> User:
    """Create a local account. Without a password the user sets one by password reset.
    `created_in` is the region it is created for; its administrators look after the account
    (see accounts.rules). Side effects: the audit entry user.created."""
    require(actor, "accounts.create_account", created_in)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        created_in=created_in,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit.record(
        "user.created",
        user,
        actor=actor,
        username=username,
        created_in=created_in.pk if created_in else None,
    )
    return user


@transaction.atomic
def update_user(user: User, *, actor, **fields) -> User:
    """Change an account's `fields` (ACCOUNT_FIELDS; PLATFORM_FLAGS for the platform operator).
    Side effects: the audit entry user.changed with the old and new value of what changed;
    nothing when nothing changed."""
    unknown = set(fields) - set(ACCOUNT_FIELDS) - set(PLATFORM_FLAGS)
    if unknown:
        raise TypeError(f"Unknown account fields: {', '.join(sorted(unknown))}")
    require(actor, "accounts.manage_account", user)
    if set(fields) & set(PLATFORM_FLAGS):
        require(actor, "accounts.operate_platform", user)
    locked = User.objects.select_for_update().get(pk=user.pk)
    return audit.save_changes(locked, fields, "user.changed", actor=actor)


@transaction.atomic
def change_password(user: User, password: str | None, *, actor) -> User:
    """Set `user`'s password (already checked against the password rules), or make it unusable
    with None: only the platform operator sets another person's. Side effects: the audit entry
    user.password_changed, which never holds the password, and the account's failed sign-ins
    are forgotten (the sign-in lockout's page sends the locked-out to choose a new password)."""
    require(actor, "accounts.set_password", user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    axes.utils.reset(username=user.get_username())
    audit.record("user.password_changed", user, actor=actor, usable=bool(password))
    return user


def _may_grant(membership: Membership, *, actor) -> None:
    # A region administrator gives any role of their region; a county coordinator the roles of
    # the meeting bodies (accounts.rules.BODY_ROLES).
    require(actor, "accounts.assign_role", membership)
    if actor is not None and not actor.has_perm("accounts.grant_role", membership):
        raise ValidationError(
            {
                "user": _(
                    "%(user)s does not belong to %(region)s. A region administrator gives roles "
                    "to users who already have a role in the region or who were created for it."
                )
                % {"user": membership.user, "region": membership.region}
            }
        )


@transaction.atomic
def grant_role(
    user: User, region: Region, organisation: Organisation, role: Role, *, actor
) -> Membership:
    """Give `user` a role in `region` on behalf of `organisation`; granting it again is a no-op.
    Side effects: the membership row and an audit entry."""
    candidate = Membership(user=user, region=region, organisation=organisation, role=role)
    _may_grant(candidate, actor=actor)
    return _grant(candidate, actor=actor)


def _grant(candidate: Membership, *, actor, **data) -> Membership:
    """Save the membership `candidate` unless it exists, with the audit entry (`data` added to
    it), once whoever grants it has been found allowed: by the rules (grant_role), or by a
    valid invitation (invitations.accept_invitation, where `actor` is the inviter)."""
    candidate.clean()
    membership, created = Membership.objects.get_or_create(
        user=candidate.user,
        region=candidate.region,
        organisation=candidate.organisation,
        role=candidate.role,
    )
    if created:
        audit.record(
            "membership.granted",
            membership,
            actor=actor,
            user=candidate.user.username,
            role=candidate.role,
            **data,
        )
    return membership


@transaction.atomic
def change_membership(
    membership: Membership, *, actor, region: Region, organisation: Organisation, role: Role
) -> Membership:
    """Change a membership's region, organisation or role (never its user). Side effects: the
    audit entry membership.changed with what it was and is."""
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "region", "organisation")
        .get(pk=membership.pk)
    )
    require(actor, "accounts.revoke_role", locked)
    changed = Membership(
        pk=locked.pk, user=locked.user, region=region, organisation=organisation, role=role
    )
    _may_grant(changed, actor=actor)
    changed.clean()
    twin = Membership.objects.exclude(pk=locked.pk).filter(
        user=locked.user, region=region, organisation=organisation, role=role
    )
    if twin.exists():
        raise ValidationError(_("%(user)s already has this role.") % {"user": locked.user})
    before = [locked.region_id, locked.organisation_id, locked.role]
    locked.region, locked.organisation, locked.role = region, organisation, role
    locked.save(update_fields=["region", "organisation", "role"])
    audit.record(
        "membership.changed",
        locked,
        actor=actor,
        user=locked.user.username,
        before=dict(zip(["region", "organisation", "role"], before, strict=True)),
        after={"region": region.pk, "organisation": organisation.pk, "role": role},
    )
    return locked


@transaction.atomic
def revoke_role(membership: Membership, *, actor) -> None:
    """Take back a role. Side effects: the audit entry membership.revoked, on the region."""
    require(actor, "accounts.revoke_role", membership)
    audit.record(
        "membership.revoked",
        membership.region,
        actor=actor,
        user=membership.user.username,
        role=membership.role,
        organisation=membership.organisation_id,
    )
    membership.delete()


# Invitations to a role build on the functions above (create_user, _grant), hence imported last.
from .invitations import (  # noqa: E402
    AlreadyAccepted,
    InvitationClosed,
    SentAlready,
    accept_invitation,
    accept_with_new_account,
    invite_person,
    resend_invitation,
    withdraw_invitation,
)

__all__ = [
    "ACCOUNT_FIELDS",
    "PLATFORM_FLAGS",
    "AlreadyAccepted",
    "InvitationClosed",
    "SentAlready",
    "accept_invitation",
    "accept_with_new_account",
    "change_membership",
    "change_password",
    "create_user",
    "grant_role",
    "invite_person",
    "resend_invitation",
    "revoke_role",
    "update_user",
    "withdraw_invitation",
]
