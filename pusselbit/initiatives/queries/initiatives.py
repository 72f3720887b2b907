"""Reads for the pipeline, the initiative page and "waiting for me"."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Contains

from pusselbit.core.models import AuditEntry

from ..enums import ACTION_KINDS, OWNER
from ..models import Decision, Initiative, Transition


def pipeline(region, *, stage=None, organisation=None, direction=None, year=None, text=""):
    """The region's initiatives with what the pipeline shows, filtered; a fixed number of
    queries however many there are."""
    initiatives = Initiative.objects.filter(region=region)
    if stage:
        initiatives = initiatives.filter(stage=stage)
    if organisation:
        initiatives = initiatives.filter(
            Q(organisation=organisation) | Q(participants__organisation=organisation)
        )
    if direction:
        initiatives = initiatives.filter(directions=direction)
    if year:
        initiatives = initiatives.filter(created_at__year=year)
    if text:
        # Lower() on both sides, not icontains: SQLite's LIKE folds only ASCII, so "Ångest"
        # would miss "ångest" (core.database gives SQLite a lower() that folds å/ä/ö).
        needle = text.lower()
        match = Q()
        for field in [
            "title",
            "problem",
            "idea",
            "target_groups",
            "expected_results",
            "registration_number",
            "proposal__background",
            "proposal__purpose",
            "proposal__goals",
        ]:
            match |= Q(Contains(Lower(field), needle))
        initiatives = initiatives.filter(match)
    return (
        initiatives.distinct()
        .select_related("stage", "organisation", "owner")
        .prefetch_related("directions")
        .order_by("stage__order", "-updated_at", "-pk")
    )


def history(initiative):
    """Every change of the initiative, newest first, with who made it."""
    return (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Initiative),
            target_id=str(initiative.pk),
        )
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def decisions(initiative):
    from pusselbit.funds.models import Commitment

    return initiative.decisions.select_related("stage", "recorded_by", "replaces").prefetch_related(
        Prefetch("replaced_by", queryset=Decision.objects.all()),
        Prefetch(
            "commitments",
            queryset=Commitment.objects.select_related(
                "share__recipient",
                "share__allocation__funds__agreement",
                "share__allocation__funds__direction",
            ),
        ),
    )


def waiting_for(user, regions=None):
    """Initiatives in the user's regions whose current stage has a forward, recommendation or
    decision step that the user's roles (or their ownership) may take; unordered, so each list
    orders and bounds it in the database."""
    memberships = list(user.memberships.all())
    if regions is not None:
        wanted = {region.pk for region in regions}
        memberships = [m for m in memberships if m.region_id in wanted]
    roles_by_region = {}
    for membership in memberships:
        roles_by_region.setdefault(membership.region_id, set()).add(membership.role)
    if not roles_by_region:
        return Initiative.objects.none()
    # Stage ids in two IN lists rather than an OR per transition: one short predicate however
    # many regions and transitions there are.
    by_role, by_owner = set(), set()
    transitions = Transition.objects.filter(
        workflow__region__in=roles_by_region, kind__in=ACTION_KINDS
    ).values_list("workflow__region", "source", "roles")
    for region_id, source, roles in transitions:
        if roles_by_region[region_id] & set(roles):
            by_role.add(source)
        if OWNER in roles:
            by_owner.add(source)
    return Initiative.objects.filter(region__in=roles_by_region).filter(
        Q(stage__in=by_role) | Q(stage__in=by_owner - by_role, owner=user)
    )


def budget_totals(lines) -> list[tuple[str, object]]:
    """The budget's sums per way of paying, and the whole, in öre-exact Decimal."""
    from decimal import Decimal

    from django.utils.translation import gettext as _

    from ..enums import Funding

    totals = {}
    for line in lines:
        totals[line.funding] = totals.get(line.funding, Decimal("0")) + line.amount
    rows = [(Funding(funding).label, total) for funding, total in sorted(totals.items())]
    if len(rows) > 1:
        rows.append((_("all"), sum(totals.values(), Decimal("0"))))
    return rows
