"""Who may withhold a record from the public, and lift it (django-rules). Objects are the
region: the county coordinator answers for what the region publishes, the administrator runs
the region's setup."""

import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role

rules.add_perm("public.withhold_records", has_role(Role.COUNTY_COORDINATOR, Role.ADMINISTRATOR))
