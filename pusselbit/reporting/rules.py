import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

# Objects are the region.
rules.add_perm("reporting.view_reporting", is_region_member)
rules.add_perm(
    "reporting.report",
    has_role(
        Role.LOCAL_COORDINATOR,
        Role.COUNTY_COORDINATOR,
        Role.FINANCE_OFFICER,
        Role.INITIATOR,
        Role.ADMINISTRATOR,
    ),
)
rules.add_perm("reporting.manage_reporting", has_role(Role.COUNTY_COORDINATOR, Role.ADMINISTRATOR))
