"""Which regions a user administers, for the admin: the region scope the admin runs in
(admin_scope, entered by RegionScopeMiddleware) and the regions the accounts' own admin pages
offer. The admin classes themselves (core.admin_scoping) read the active scope."""

from pusselbit.core.scoping import scope, scopes_disabled
from pusselbit.organisations.models import Region

from .rules import administered_region_ids


def administered_regions(user):
    """The regions whose rows the user sees in the admin. The rules say which they administer
    (from the roles read once per request), so this is a list of keys, not a join."""
    if not user.is_authenticated or not user.is_active:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(pk__in=administered_region_ids(user))


def admin_scope(user):
    """The region scope the admin runs in (entered by accounts.middleware.RegionScopeMiddleware):
    the regions the user administers, the same the admin classes below seal their lists to, so
    another region's row is a 404 in the admin twice over. A superuser, the platform operator,
    looks after every region and holds a role in few: for them the admin, and only the admin,
    runs with scoping disabled."""
    if not user.is_authenticated or not user.is_active:
        return scope(region=[])
    if user.is_superuser:
        return scopes_disabled()
    return scope(region=sorted(administered_region_ids(user)))
