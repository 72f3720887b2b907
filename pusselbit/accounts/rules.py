"""Permission predicates: the one permission style of the project (django-rules).

Scoping to a region is done by the queries themselves (Region.objects.for_user), so another
region's object is a 404; these predicates decide what a member may do within a region."""

import rules

from .enums import Role


def _region_of(obj):
    return obj if obj.__class__.__name__ == "Region" else getattr(obj, "region", None)


# A page asks many rules of the same user; within a request (see RolesPerRequestMiddleware) the
# user's roles are read once and kept on the user object. Outside a request every rule asks the
# database, so a membership made a moment ago always counts.
CACHE = "_pusselbit_roles"


def remember_roles(user) -> None:
    """Keep the user's roles on the user object from now on (once per request)."""
    if user.is_authenticated:
        setattr(user, CACHE, None)


def _roles(user, region_id) -> set[str] | None:
    """The user's roles in the region when remembered, None when the database must be asked."""
    if not hasattr(user, CACHE):
        return None
    cached = getattr(user, CACHE)
    if cached is None:
        cached = {}
        for member_region, role in user.memberships.order_by().values_list("region_id", "role"):
            cached.setdefault(member_region, set()).add(role)
        setattr(user, CACHE, cached)
    return cached.get(region_id, set())


@rules.predicate
def is_region_member(user, obj) -> bool:
    region = _region_of(obj)
    if region is None or not user.is_authenticated:
        return False
    roles = _roles(user, region.pk)
    if roles is not None:
        return bool(roles)
    return user.memberships.filter(region=region).exists()


def has_role(*roles: Role):
    """A predicate: the user holds one of `roles` in the object's region."""

    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj) -> bool:
        region = _region_of(obj)
        if region is None or not user.is_authenticated:
            return False
        held = _roles(user, region.pk)
        if held is not None:
            return not held.isdisjoint(roles)
        return user.memberships.filter(region=region, role__in=roles).exists()

    return predicate


is_region_administrator = has_role(Role.ADMINISTRATOR)
is_county_coordinator = has_role(Role.COUNTY_COORDINATOR)

rules.add_perm("organisations.view_region", is_region_member)
rules.add_perm("accounts.administer_region", is_region_administrator)


@rules.predicate
def administers_any_region(user) -> bool:
    # Asked of whoever opens an admin page, the signed-out included.
    return (
        user.is_authenticated
        and user.is_active
        and user.memberships.filter(role=Role.ADMINISTRATOR).exists()
    )


rules.add_perm("accounts.use_admin", rules.is_superuser | administers_any_region)


# Accounts. An account belongs to the regions where it holds a role and to the region that
# created it; a region administrator looks after the accounts of their own regions only.


def account_regions(account) -> set[int]:
    """The regions (keys) an account belongs to."""
    regions = set(account.memberships.order_by().values_list("region_id", flat=True))
    if account.created_in_id:
        regions.add(account.created_in_id)
    return regions


def belongs_to(account, region) -> bool:
    return account.created_in_id == region.pk or account.memberships.filter(region=region).exists()


def _administered(user) -> set[int]:
    return set(
        user.memberships.filter(role=Role.ADMINISTRATOR)
        .order_by()
        .values_list("region_id", flat=True)
    )


@rules.predicate
def administers_whole_account(user, account) -> bool:
    """Every region the account belongs to is one the user administers. An account that also
    belongs to another region (or to none, or is a platform operator) is not theirs to change:
    only their own region's roles on it are."""
    if account is None or not user.is_authenticated or account.is_superuser:
        return False
    regions = account_regions(account)
    return bool(regions) and regions <= _administered(user)


@rules.predicate
def member_belongs_to_region(user, membership) -> bool:
    """A role in a region goes to a user of that region: one with a role there already, or one
    created for it."""
    return belongs_to(membership.user, membership.region)


@rules.predicate
def is_self(user, account) -> bool:
    return account is not None and user.is_authenticated and user.pk == account.pk


# The platform operator (a superuser) passes every rule.
rules.add_perm("accounts.create_account", is_region_administrator)  # object: the region
rules.add_perm("accounts.manage_account", administers_whole_account)  # object: the account
rules.add_perm("accounts.set_password", is_self)
# Object: the membership (a new one, unsaved, to grant).
rules.add_perm("accounts.grant_role", is_region_administrator & member_belongs_to_region)
rules.add_perm("accounts.revoke_role", is_region_administrator)
# The platform operator's alone: the platform flags of an account and the reference data
# (regions, municipalities, agreements).
rules.add_perm("accounts.operate_platform", rules.is_superuser)
