"""Who may do what with a use-of-funds proposal (django-rules). Objects are the region."""

import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

rules.add_perm("proposals.view_proposals", is_region_member)
# The development lead (county coordinator) writes the proposal, with the finance officer.
rules.add_perm(
    "proposals.manage_proposals",
    has_role(Role.COUNTY_COORDINATOR, Role.FINANCE_OFFICER, Role.ADMINISTRATOR),
)
# Recording that the region's body adopted it: the writers, and the steering group's members.
rules.add_perm(
    "proposals.adopt_proposals",
    has_role(
        Role.COUNTY_COORDINATOR,
        Role.FINANCE_OFFICER,
        Role.STEERING_GROUP_MEMBER,
        Role.ADMINISTRATOR,
    ),
)
