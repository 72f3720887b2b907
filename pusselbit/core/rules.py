"""Core's permission predicates (django-rules)."""

import rules

from pusselbit.accounts.rules import is_region_administrator

# The platform operator for every message; a region's administrators for their region's.
rules.add_perm("core.resend_outgoingmail", rules.is_superuser | is_region_administrator)
