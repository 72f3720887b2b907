"""Core's permission predicates (django-rules)."""

import rules

from pusselbit.accounts.rules import is_region_administrator

# A region's administrators for their region's messages (the platform operator, a superuser,
# passes every rule).
rules.add_perm("core.resend_outgoingmail", is_region_administrator)
