"""Every write to users and memberships goes through these functions."""

from django.db import transaction

from pusselbit.core import audit
from pusselbit.organisations.models import Organisation, Region

from ..enums import Role
from ..models import Membership, User


@transaction.atomic
def create_user(
    username: str,
    *,
    actor,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> User:
    """Create a local account. Without a password the user sets one by password reset."""
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit.record("user.created", user, actor=actor, username=username)
    return user


@transaction.atomic
def set_password(user: User, password: str, *, actor) -> None:
    """Give `user` a new password. Side effects: the password hash and an audit entry (which
    says that the password changed, not what to)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record("user.password_set", user, actor=actor, username=user.username)


@transaction.atomic
def grant_role(
    user: User, region: Region, organisation: Organisation, role: Role, *, actor
) -> Membership:
    """Give `user` a role in `region` on behalf of `organisation`; granting it again is a no-op.
    Side effects: the membership row and an audit entry."""
    Membership(user=user, region=region, organisation=organisation, role=role).clean()
    membership, created = Membership.objects.get_or_create(
        user=user, region=region, organisation=organisation, role=role
    )
    if created:
        audit.record("membership.granted", membership, actor=actor, user=user.username, role=role)
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, actor) -> None:
    audit.record(
        "membership.revoked",
        membership.region,
        actor=actor,
        user=membership.user.username,
        role=membership.role,
        organisation=membership.organisation_id,
    )
    membership.delete()
