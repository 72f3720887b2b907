from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of SPEC.md's table. A membership gives a user one role in one region."""

    INITIATOR = "initiator", _("Initiator")
    COUNTY_COORDINATOR = "county_coordinator", _("County coordinator")
    LOCAL_COORDINATOR = "local_coordinator", _("Local coordinator")
    SUICIDE_PREVENTION_COORDINATOR = (
        "suicide_prevention_coordinator",
        _("Suicide-prevention coordinator"),
    )
    COORDINATION_GROUP_MEMBER = "coordination_group_member", _("Coordination-group member")
    LSVO_MEMBER = "lsvo_member", _("LSVO member")
    REGIONAL_DIRECTOR = "regional_director", _("Regional director")
    STEERING_GROUP_MEMBER = "steering_group_member", _("Steering-group member")
    USER_ORGANISATION_REPRESENTATIVE = (
        "user_organisation_representative",
        _("User-organisation representative"),
    )
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    ANALYST = "analyst", _("Analyst")
    COMMUNICATOR = "communicator", _("Communicator")
    ADMINISTRATOR = "administrator", _("Administrator")


# The meeting bodies whose members hold these roles (accounts.rules.BODY_ROLES), by name.
BODY_NAMES = {
    Role.COORDINATION_GROUP_MEMBER: _("Coordination group"),
    Role.LSVO_MEMBER: _("LSVO"),
}


class InvitationStatus(models.TextChoices):
    """Where an invitation to a role stands: worked out from its dates, never stored."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# The roles that decide or hold money: their local accounts are offered two-step verification,
# and a region can require it of them (accounts.models.SignInPolicy). The platform operator is
# offered it too.
TWO_FACTOR_ROLES = frozenset(
    {Role.REGIONAL_DIRECTOR, Role.LSVO_MEMBER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR}
)
