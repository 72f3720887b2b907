"""Reads for the pipeline, the initiative page and "waiting for me"."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Window
from django.db.models.functions import ExtractYear, Lower, RowNumber
from django.db.models.lookups import Contains
from django.utils.translation import gettext as _

from pusselbit.accounts.rules import roles_by_region
from pusselbit.agreements.models import Direction
from pusselbit.core.models import AuditEntry
from pusselbit.funds.models import Commitment

from ..enums import ACTION_KINDS, OWNER, Funding
from ..models import Decision, Initiative, Participant, Transition
from ..search import fulltext

# What a pipeline row shows; the long texts (idea, problem …) are never read for the list.
ROW_FIELDS = ["title", "stage", "updated_at", "organisation__name"]


def pipeline(region, *, stage=None, organisation=None, direction=None, year=None, text=""):
    """The region's initiatives, filtered, as a query to count, group or page (unordered).

    Every filter on a related row is an EXISTS, not a join: a join repeats an initiative once
    per matching participant (or proposal), and the SELECT DISTINCT that undid it sorted every
    column of every row."""
    initiatives = Initiative.objects.filter(region=region)
    if stage:
        initiatives = initiatives.filter(stage=stage)
    if organisation:
        initiatives = initiatives.filter(
            Q(organisation=organisation)
            | Exists(
                Participant.objects.filter(initiative=OuterRef("pk"), organisation=organisation)
            )
        )
    if direction:
        initiatives = initiatives.filter(
            Exists(
                Initiative.directions.through.objects.filter(
                    initiative=OuterRef("pk"), direction=direction
                )
            )
        )
    if year:
        initiatives = initiatives.filter(created_at__year=year)
    if text:
        # The text match reads every long text of the region: done once here, not again in the
        # count, the per-stage numbering and the rows that the page asks of the result.
        matching = initiatives.filter(_matching(text, region)).values_list("pk", flat=True)
        initiatives = Initiative.objects.filter(region=region, pk__in=list(matching))
    return initiatives.order_by()


def _matching(text, region):
    """The initiative's search text matches every word of `text` in Swedish (search.fulltext:
    "ångesten" finds "Ångest"), or its registration number contains `text` as typed (a diary
    number is looked up as a string, not as words)."""
    return Q(pk__in=fulltext.matching(text)) | Q(
        Contains(Lower("registration_number"), text.lower())
    )


def _rows(initiatives):
    """The initiatives with what a row shows: the organisation's name and the directions as a
    list (a to_attr list, not `.directions.all` per row, which builds a QuerySet each time)."""
    return (
        initiatives.select_related("organisation")
        .only(*ROW_FIELDS)
        .prefetch_related(
            Prefetch(
                "directions",
                queryset=Direction.objects.all(),
                to_attr="direction_list",
            )
        )
    )


def pipeline_counts(initiatives) -> dict[int, int]:
    """How many of the initiatives are in each stage (stage id -> count), in one GROUP BY."""
    return dict(
        initiatives.order_by()
        .values_list("stage")
        .annotate(count=Count("pk"))
        .values_list("stage", "count")
    )


def pipeline_newest(initiatives, per_stage: int) -> dict[int, list]:
    """The `per_stage` most recently updated initiatives of each stage (stage id -> rows), in
    two queries however many stages and initiatives there are: the rows whose number within
    their stage is small enough (a window function, filtered in the database), then their
    directions. The numbering reads only the narrow columns; the rows shown are fetched after."""
    ranked = initiatives.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("updated_at").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=per_stage)
    rows = _rows(Initiative.objects.filter(pk__in=ranked.values("pk")))
    grouped = {}
    for initiative in rows.order_by("stage_id", "-updated_at", "-pk"):
        grouped.setdefault(initiative.stage_id, []).append(initiative)
    return grouped


def pipeline_page(initiatives):
    """The initiatives in the order a stage's list shows them, newest change first; sliced into
    pages by the caller."""
    return _rows(initiatives).order_by("-updated_at", "-pk")


def pipeline_years(region) -> list[int]:
    """The years in which the region's initiatives were created, newest first (the year filter's
    choices), worked out in the database."""
    return list(
        Initiative.objects.filter(region=region)
        .annotate(year=ExtractYear("created_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
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
    held = roles_by_region(user)
    if regions is not None:
        wanted = {region.pk for region in regions}
        held = {region_id: roles for region_id, roles in held.items() if region_id in wanted}
    if not held:
        return Initiative.objects.none()
    # Stage ids in two IN lists rather than an OR per transition: one short predicate however
    # many regions and transitions there are.
    by_role, by_owner = set(), set()
    transitions = Transition.objects.filter(
        workflow__region__in=held, kind__in=ACTION_KINDS
    ).values_list("workflow__region", "source", "roles")
    for region_id, source, roles in transitions:
        if held[region_id] & set(roles):
            by_role.add(source)
        if OWNER in roles:
            by_owner.add(source)
    return Initiative.objects.filter(region__in=held).filter(
        Q(stage__in=by_role) | Q(stage__in=by_owner - by_role, owner=user)
    )


def budget_totals(lines) -> list[tuple[str, object]]:
    """The budget's sums per way of paying, and the whole, in öre-exact Decimal."""
    totals = {}
    for line in lines:
        totals[line.funding] = totals.get(line.funding, Decimal("0")) + line.amount
    rows = [(Funding(funding).label, total) for funding, total in sorted(totals.items())]
    if len(rows) > 1:
        rows.append((_("all"), sum(totals.values(), Decimal("0"))))
    return rows


def budget_by_year(lines) -> dict:
    """The budget's sums per year and way of paying, for a table with a row per year:
    {"fundings": [label, …], "years": [(year, [sum per funding], whole), …],
    "totals": ([sum per funding], whole)}; empty without lines."""
    if not lines:
        return {}
    years = sorted({line.year for line in lines})
    fundings = [funding for funding in Funding if any(line.funding == funding for line in lines)]
    sums = {(year, funding.value): Decimal("0") for year in years for funding in fundings}
    for line in lines:
        sums[line.year, line.funding] += line.amount
    rows = []
    for year in years:
        amounts = [sums[year, funding.value] for funding in fundings]
        rows.append((year, amounts, sum(amounts, Decimal("0"))))
    totals = [sum((row[1][i] for row in rows), Decimal("0")) for i in range(len(fundings))]
    return {
        "fundings": [funding.label for funding in fundings],
        "years": rows,
        "totals": (totals, sum(totals, Decimal("0"))),
    }


def plan_goals(initiative) -> list:
    """The action-plan goals an initiative serves, with their plan, focus area and indicators
    (in name order, the indicator's own), for the initiative page: two queries however many there
    are. Plans sit above initiatives, so they are reached through the relation, not imported."""
    return list(
        initiative.plan_goals.select_related("plan", "focus_area")
        .prefetch_related("indicators")
        .order_by("-plan__first_year", "plan__title", "number", "target_group")
    )
