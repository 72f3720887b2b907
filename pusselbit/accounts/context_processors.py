import rules
from django.utils.functional import SimpleLazyObject

from pusselbit.accounts.rules import regions_of, regions_set_up_by, two_factor_offered


def navigation(request):
    """The regions the user works within, and whether the admin is theirs, for the menu: from
    the roles the rules read once per request (with their regions), so the menu costs no query
    of its own. (Django's `perms` would ask the model backend too: two queries a page.)"""
    return {
        "nav_regions": SimpleLazyObject(lambda: regions_of(request.user)),
        "nav_region_setup": SimpleLazyObject(lambda: regions_set_up_by(request.user)),
        "nav_admin": SimpleLazyObject(lambda: rules.has_perm("accounts.use_admin", request.user)),
        "nav_two_factor": SimpleLazyObject(lambda: two_factor_offered(request.user)),
    }
