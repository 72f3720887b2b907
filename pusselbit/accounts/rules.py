"""Permission predicates: the one permission style of the project (django-rules), and the one
place that works out which roles a user holds in a region (roles_in, organisations_in,
roles_by_region, regions_of). The workflow engine, the lists, reporting and the admin ask here
instead of reading memberships themselves; the inverse, who holds a role, is
accounts.queries.members_with_roles.

Scoping to a region is done by the request's region scope (pusselbit.core.scoping, entered by
accounts.middleware.RegionScopeMiddleware), so another region's object is a 404; these
predicates decide what a member may do within a region."""

from dataclasses import dataclass, field

import rules

from .enums import TWO_FACTOR_ROLES, Role


def _region_of(obj):
    return obj if obj.__class__.__name__ == "Region" else getattr(obj, "region", None)


def _region_id(region) -> int | None:
    """A region or its key."""
    return getattr(region, "pk", region)


@dataclass
class Standing:
    """A user's place in one region: the roles they hold there and for which organisations."""

    region: object
    roles: set[str] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)


# A page asks many rules of the same user; within a request (see RolesPerRequestMiddleware) the
# user's memberships are read once, in one query, and kept on the user object. Outside a request
# every ask reads the database, so a membership made a moment ago always counts.
CACHE = "_pusselbit_roles"


def remember_roles(user) -> None:
    """Keep the user's roles on the user object from now on (once per request)."""
    if user.is_authenticated:
        setattr(user, CACHE, None)


def _read(memberships) -> dict[int, Standing]:
    standings: dict[int, Standing] = {}
    for membership in memberships:
        standing = standings.setdefault(membership.region_id, Standing(membership.region))
        standing.roles.add(membership.role)
        standing.organisations.add(membership.organisation_id)
    return standings


def _standings(user) -> dict[int, Standing]:
    """Per region key, the user's standing there: remembered within a request, read afresh
    outside one. In one query, with each region's row, so the menu needs no query of its own."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, CACHE, _NOT_REMEMBERED)
    if cached is not None and cached is not _NOT_REMEMBERED:
        return cached
    # With each region's sign-in policy, which the two-step check of every request reads.
    standings = _read(
        user.memberships.select_related("region", "region__sign_in_policy").order_by()
    )
    if cached is None:
        setattr(user, CACHE, standings)
    return standings


_NOT_REMEMBERED = object()


def _standing(user, region) -> Standing | None:
    """The user's standing in one region. Outside a request only that region is read."""
    if not user.is_authenticated or region is None:
        return None
    region_id = _region_id(region)
    if hasattr(user, CACHE):
        return _standings(user).get(region_id)
    standing = Standing(region)
    rows = user.memberships.filter(region_id=region_id).order_by()
    for role, organisation_id in rows.values_list("role", "organisation_id"):
        standing.roles.add(role)
        standing.organisations.add(organisation_id)
    return standing if standing.roles else None


def roles_in(user, region) -> frozenset[str]:
    """The roles `user` holds in `region` (a region or its key); empty outside their regions."""
    standing = _standing(user, region)
    return frozenset(standing.roles) if standing else frozenset()


def organisations_in(user, region) -> frozenset[int]:
    """The keys of the organisations on whose behalf `user` holds a role in `region`."""
    standing = _standing(user, region)
    return frozenset(standing.organisations) if standing else frozenset()


def roles_by_region(user) -> dict[int, frozenset[str]]:
    """Per key of each region where the user holds a role, the roles held there."""
    return {region_id: frozenset(s.roles) for region_id, s in _standings(user).items()}


def regions_of(user) -> list:
    """The regions the user works within, by name (the menu)."""
    return sorted((s.region for s in _standings(user).values()), key=lambda r: (r.name, r.pk))


def administered_region_ids(user) -> set[int]:
    """The keys of the regions the user administers."""
    return {
        region_id
        for region_id, standing in _standings(user).items()
        if Role.ADMINISTRATOR in standing.roles
    }


def two_factor_offered(user) -> bool:
    """Whether the menu offers the user two-step verification: the platform operator, and
    whoever decides or holds money (TWO_FACTOR_ROLES) in a region. Anyone may turn it on."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(s.roles & TWO_FACTOR_ROLES for s in _standings(user).values())


def two_factor_required(user) -> bool:
    """Whether a region where the user holds one of TWO_FACTOR_ROLES requires two-step
    verification (accounts.models.SignInPolicy). Costs no query within a request."""
    for standing in _standings(user).values():
        policy = getattr(standing.region, "sign_in_policy", None)
        if policy is not None and policy.require_two_factor and standing.roles & TWO_FACTOR_ROLES:
            return True
    return False


@rules.predicate
def is_region_member(user, obj) -> bool:
    region = _region_of(obj)
    return region is not None and bool(roles_in(user, region))


def has_role(*roles: Role):
    """A predicate: the user holds one of `roles` in the object's region."""

    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj) -> bool:
        region = _region_of(obj)
        return region is not None and not roles_in(user, region).isdisjoint(roles)

    return predicate


is_region_administrator = has_role(Role.ADMINISTRATOR)
is_county_coordinator = has_role(Role.COUNTY_COORDINATOR)

rules.add_perm("organisations.view_region", is_region_member)
rules.add_perm("accounts.administer_region", is_region_administrator)


@rules.predicate
def administers_any_region(user) -> bool:
    # Asked of whoever opens an admin page, the signed-out included.
    return user.is_authenticated and user.is_active and bool(administered_region_ids(user))


rules.add_perm("accounts.use_admin", rules.is_superuser | administers_any_region)


# Accounts. An account belongs to the regions where it holds a role and to the region that
# created it; a region administrator looks after the accounts of their own regions only.


def account_regions(account) -> set[int]:
    """The regions (keys) an account belongs to."""
    regions = set(roles_by_region(account))
    if account.created_in_id:
        regions.add(account.created_in_id)
    return regions


def belongs_to(account, region) -> bool:
    return account.created_in_id == region.pk or bool(roles_in(account, region))


@rules.predicate
def administers_whole_account(user, account) -> bool:
    """Every region the account belongs to is one the user administers. An account that also
    belongs to another region (or to none, or is a platform operator) is not theirs to change:
    only their own region's roles on it are."""
    if account is None or not user.is_authenticated or account.is_superuser:
        return False
    regions = account_regions(account)
    return bool(regions) and regions <= administered_region_ids(user)


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
# The region's meeting bodies are the holders of these roles: the county coordinator convenes
# them, so keeps their membership (and only theirs); "invite by role" reaches whoever holds them.
BODY_ROLES = (Role.COORDINATION_GROUP_MEMBER, Role.LSVO_MEMBER)


@rules.predicate
def is_body_membership(user, membership) -> bool:
    return membership is not None and membership.role in BODY_ROLES


may_give_role = is_region_administrator | (is_county_coordinator & is_body_membership)
# Object: the membership (a new one, unsaved, to grant; the changed one, to change).
rules.add_perm("accounts.assign_role", may_give_role)
rules.add_perm("accounts.grant_role", may_give_role & member_belongs_to_region)
rules.add_perm("accounts.revoke_role", may_give_role)
# Object: the region.
rules.add_perm("accounts.manage_bodies", is_region_administrator | is_county_coordinator)
# Object: the region. Its organisation logins (single sign-on) are its administrators' to set.
rules.add_perm("accounts.manage_identity_providers", is_region_administrator)
# Who finds the region's administration page in the menu: whoever has a section there (the
# sections themselves say who may use each).
REGION_SETUP_ROLES = (Role.ADMINISTRATOR, Role.COUNTY_COORDINATOR, Role.FINANCE_OFFICER)
rules.add_perm("accounts.set_up_region", has_role(*REGION_SETUP_ROLES))


def regions_set_up_by(user) -> set[int]:
    """The keys of the regions whose administration page is in the user's menu."""
    return {
        region_id
        for region_id, roles in roles_by_region(user).items()
        if not roles.isdisjoint(REGION_SETUP_ROLES)
    }


# One's own two-step verification (object: the account).
rules.add_perm("accounts.manage_two_factor", is_self)
# Whether the region requires two-step verification (object: the region).
rules.add_perm("accounts.change_sign_in_policy", is_region_administrator)
# The platform operator's alone: the platform flags of an account and the reference data
# (regions, municipalities, agreements).
rules.add_perm("accounts.operate_platform", rules.is_superuser)


# Invitations to a role (accounts.RoleInvitation). A region administrator invites to any role; a
# county coordinator, who brings the municipalities' staff in, to every role but administrator:
# only an administrator makes another (the lead accepted this split, issue 14 item 4). Both see
# the region's invitations and withdraw them.


@rules.predicate
def invites_to_administrator(user, invitation) -> bool:
    return getattr(invitation, "role", None) == Role.ADMINISTRATOR


# Object: the invitation (a new one, unsaved, to invite).
rules.add_perm(
    "accounts.invite_person",
    is_region_administrator | (is_county_coordinator & ~invites_to_administrator),
)
# Object: the region or an invitation of it.
rules.add_perm("accounts.manage_invitations", is_region_administrator | is_county_coordinator)


# A region's administrators for their region's messages in core's outbox (the platform operator,
# a superuser, passes every rule). Here, not in core: the ground knows no roles.
rules.add_perm("core.resend_outgoingmail", is_region_administrator)
