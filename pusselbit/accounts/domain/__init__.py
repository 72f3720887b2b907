"""Every write to users and memberships goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def organisation_serves_region(organisation: Organisation, region: Region) -> bool:
    """An organisation acts in its own region, and a municipality also in the region of an
    association it belongs to (Kungsbacka, in Halland, is a member of GR in Västra Götaland)."""
    return (
        organisation.region_id == region.pk
        or organisation.associations.filter(region=region).exists()
    )


@transaction.atomic
def grant_role(
    user: User, region: Region, organisation: Organisation, role: Role, *, actor
) -> Membership:
    if not organisation_serves_region(organisation, region):
        raise ValidationError(
            {
                "organisation": _("%(organisation)s does not act in %(region)s.")
                % {"organisation": organisation, "region": region}
            }
        )
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
