import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

# Objects are the region.
rules.add_perm("plans.view_plans", is_region_member)
rules.add_perm(
    "plans.manage_plans",
    has_role(Role.COUNTY_COORDINATOR, Role.ANALYST, Role.STEERING_GROUP_MEMBER, Role.ADMINISTRATOR),
)
rules.add_perm("plans.record_values", has_role(Role.ANALYST, Role.COUNTY_COORDINATOR))
