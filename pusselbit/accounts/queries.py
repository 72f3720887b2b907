"""Reads about users and their memberships. Which roles one user holds is the rules' to say
(accounts.rules.roles_in); who holds a role is said here (members_with_roles)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation, PopulationFigure, Region

from .models import Membership, RoleInvitation, User


@dataclass
class RegionSummary:
    region: Region
    memberships: list[Membership]
    municipality_count: int
    association_count: int
    population: int | None
    population_date: object


def regions_with_roles(user) -> list[RegionSummary]:
    """Each region the user works within, with their memberships there and the region's size
    at the latest reference date. A fixed number of queries, whatever the number of regions."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("region", "organisation")
        .order_by("region__name", "role")
    )
    regions = {m.region_id: m.region for m in memberships}
    counts = {
        row["region"]: row
        for row in Organisation.objects.filter(region__in=regions)
        .values("region")
        .annotate(
            municipalities=Count("pk", filter=Q(kind=OrganisationKind.MUNICIPALITY)),
            associations=Count("pk", filter=Q(kind=OrganisationKind.ASSOCIATION)),
        )
    }
    figures = PopulationFigure.objects.filter(
        organisation__region__in=regions, organisation__kind=OrganisationKind.MUNICIPALITY
    )
    latest = {
        row["organisation__region"]: row["latest"]
        for row in figures.values("organisation__region").annotate(latest=Max("reference_date"))
    }
    per_date = figures.filter(reference_date__in=set(latest.values())).values(
        "organisation__region", "reference_date"
    )
    totals = {
        row["organisation__region"]: row["total"]
        for row in per_date.annotate(total=Sum("population"))
        if latest.get(row["organisation__region"]) == row["reference_date"]
    }
    return [
        RegionSummary(
            region=region,
            memberships=[m for m in memberships if m.region_id == region.pk],
            municipality_count=counts.get(region.pk, {}).get("municipalities", 0),
            association_count=counts.get(region.pk, {}).get("associations", 0),
            population=totals.get(region.pk),
            population_date=latest.get(region.pk),
        )
        for region in sorted(regions.values(), key=lambda r: r.name)
    ]


def members_with_roles(region, roles=None, *, organisation=None):
    """The users who hold one of `roles` (any role when None) in `region` (a region or its
    key), on behalf of `organisation` when given: the inverse of rules.roles_in. A queryset,
    each user once however many roles they hold (a subquery, not a DISTINCT join)."""
    if roles is not None and not roles:
        return User.objects.none()
    memberships = Membership.objects.filter(region=region)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return User.objects.filter(pk__in=memberships.values("user"))


def memberships_in(regions, *, roles=None, organisations=None):
    """The memberships in `regions`, of `roles` and for `organisations` when given, with their
    users and organisations: for listing who acts for whom (a forum's invitees, the recipients
    a reminder cannot reach)."""
    memberships = Membership.objects.filter(region__in=regions)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    if organisations is not None:
        memberships = memberships.filter(organisation__in=organisations)
    return memberships.select_related("user", "organisation")


def accounts_of_region(region):
    """The accounts that belong to `region`: a role there, or created for it (as the rules'
    `belongs_to` says). A subquery, so each account comes once."""
    return User.objects.filter(
        Q(created_in=region) | Q(pk__in=Membership.objects.filter(region=region).values("user"))
    )


def member_list(region, *, role=None, organisation=None, text=""):
    """The region's accounts for the members page, by name, each with its memberships in the
    region (`region_memberships`, with their organisations): three queries a page whatever its
    length. Filtered to a role, an organisation acted for, or words of the name."""
    users = accounts_of_region(region)
    if role or organisation:
        holding = Membership.objects.filter(region=region)
        if role:
            holding = holding.filter(role=role)
        if organisation:
            holding = holding.filter(organisation=organisation)
        users = users.filter(pk__in=holding.values("user"))
    for word in text.split():
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    here = Membership.objects.filter(region=region).select_related("organisation")
    return users.prefetch_related(
        Prefetch("memberships", queryset=here.order_by("role", "pk"), to_attr="region_memberships")
    ).order_by("last_name", "first_name", "username")


def account_in(region, pk: int) -> User:
    """An account of `region` (a 404 for any other, so another region's accounts stay unseen)."""
    return get_object_or_404(accounts_of_region(region), pk=pk)


def body_memberships(region, role):
    """The memberships of one meeting body (a role of accounts.rules.BODY_ROLES; every role
    with None), by name."""
    memberships = Membership.objects.filter(region=region)
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.select_related("user", "organisation").order_by(
        "user__last_name", "user__first_name", "user__username", "pk"
    )


# The longest token a link of an invitation carries (secrets.token_urlsafe(32) is 43 characters).
MAX_TOKEN_LENGTH = 100
# How long an invitation that is no longer pending stays in the region's list.
RECENT = datetime.timedelta(days=90)


def invitation_for_token(token: str) -> RoleInvitation | None:
    """The invitation whose link carries `token`, whatever its region (the invitee holds no role
    there yet), or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    with scopes_disabled():
        return (
            RoleInvitation.objects.select_related("region", "organisation", "invited_by")
            .filter(token_hash=RoleInvitation.hash_token(token))
            .first()
        )


def invitations_in(region):
    """The region's pending invitations and those accepted, withdrawn or expired within RECENT,
    newest first, with what the list shows of each."""
    now = timezone.now()
    pending = Q(accepted_at=None, withdrawn_at=None, expires_at__gt=now)
    return (
        RoleInvitation.objects.filter(region=region)
        .filter(pending | Q(created_at__gte=now - RECENT) | Q(expires_at__gte=now - RECENT))
        .select_related(
            "region", "organisation", "invited_by", "accepted_by", "withdrawn_by", "mail"
        )
        .order_by("-created_at", "-pk")
    )


def invitation_in(region, pk: int) -> RoleInvitation:
    return get_object_or_404(
        RoleInvitation.objects.filter(region=region).select_related("region", "organisation"),
        pk=pk,
    )
