import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

# Objects are the region.
rules.add_perm("assignments.view_assignments", is_region_member)
rules.add_perm(
    "assignments.manage_assignments", has_role(Role.COUNTY_COORDINATOR, Role.ADMINISTRATOR)
)
# Who follows the assignments up (their milestones), also on their start page.
FOLLOW_UP_ROLES = frozenset(
    {Role.COUNTY_COORDINATOR, Role.STEERING_GROUP_MEMBER, Role.ADMINISTRATOR}
)
rules.add_perm("assignments.follow_up_assignments", has_role(*FOLLOW_UP_ROLES))
