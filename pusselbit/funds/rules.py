"""Who may do what with the money (django-rules). Objects are the region."""

import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

rules.add_perm("funds.view_funds", is_region_member)
rules.add_perm("funds.manage_funds", has_role(Role.FINANCE_OFFICER, Role.ADMINISTRATOR))
rules.add_perm(
    "funds.report_spending",
    has_role(Role.FINANCE_OFFICER, Role.COUNTY_COORDINATOR, Role.ADMINISTRATOR),
)
