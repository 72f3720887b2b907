"""What is public, decided here and nowhere else: the public pages read through these functions
(and the open data and the API are to do the same), so a rule changed here changes everywhere.

Public are a region's *decided* initiatives: those with an approving decision in force (see
`decided`), shown with their public fields only (`PublicInitiative`, and in "Lär av andra"
public.results: title, idea, target groups, directions, organisations, decisions, effect
measures with their values, final evaluation), and the region's funds per agreement year. The
search across regions matches on those texts alone (initiatives.search.index, weights A–C).
Never public: private persons' names and contact details (the initiative's owner and contact
person, the participants' contact persons, whoever recorded anything), drafts, assessments,
comments and notes, and any record the region withholds (models.Withholding).

A request of the anonymous has an empty region scope and a signed-in user's scope is their own
regions (accounts.middleware), while a public page is for everyone: each function here reads
with the scoping disabled, narrowly, always filtered by the region named in the address, and
hands back plain data evaluated inside, never a queryset the caller could widen."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from pusselbit.accounts.enums import Role
from pusselbit.agreements.models import Direction
from pusselbit.core.pagination import PER_PAGE
from pusselbit.core.scoping import scopes_disabled
from pusselbit.funds import charts as funds_charts
from pusselbit.funds import queries as funds_queries
from pusselbit.funds.models import Agreement
from pusselbit.funds.tables import agreement_tables
from pusselbit.initiatives.enums import DecisionOutcome, TransitionKind
from pusselbit.initiatives.models import (
    Decision,
    FollowUpReport,
    Initiative,
    MeasureValue,
    Participant,
    Stage,
    Transition,
)
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation, Region

from .models import Withholding


def _approvals():
    """Approving decisions in force: a corrected decision is replaced by its correction (with
    the same outcome), so only the newest of a chain counts."""
    return Decision.objects.filter(outcome=DecisionOutcome.APPROVED, replaced_by__isnull=True)


def decided_anywhere():
    """Every region's decided initiatives, withheld ones included (call within
    scopes_disabled); see `decided`."""
    return Initiative.objects.filter(Exists(_approvals().filter(initiative=OuterRef("pk"))))


def published_anywhere():
    """Every region's published initiatives: decided and not withheld (call within
    scopes_disabled). What crosses a region's border, for "Lär av andra" and the similar
    initiatives (pusselbit.learning)."""
    withheld = Withholding.objects.in_force().filter(
        initiative=OuterRef("pk"), region=OuterRef("region")
    )
    return decided_anywhere().exclude(Exists(withheld))


def decided(region):
    """The region's decided initiatives, withheld ones included (call within scopes_disabled).

    "Decided" is an approving decision in force, not a stage: the stages are the region's own
    rows and can be renamed or rearranged, but a registered approval (domain.record_decision,
    the decision to carry the initiative out) is what makes it an authority's decision and so a
    public record. An initiative sent back, rejected or still being prepared has none; one
    approved and later completed or scaled up keeps it. Annotated with `decided_on`, the date
    of its first approval in force (the year filter's year)."""
    approvals = _approvals().filter(initiative=OuterRef("pk"))
    return (
        decided_anywhere()
        .filter(region=region)
        .annotate(
            decided_on=Subquery(approvals.order_by("decided_on", "pk").values("decided_on")[:1])
        )
    )


def _withheld(region):
    return Withholding.objects.filter(region=region).in_force()


def published(region):
    """Decided and not withheld (call within scopes_disabled)."""
    return decided(region).exclude(Exists(_withheld(region).filter(initiative=OuterRef("pk"))))


def region_named(slug: str) -> Region:
    """Any of the 21 regions (a region is public itself); an unknown slug is a 404."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    return region


def regions() -> list[tuple[Region, bool]]:
    """Every region, and whether it has published anything (its pages are linked then): a
    decided initiative, funds, an adopted action plan or assignment document, or a published
    compiled report (the rules of the last three are plans.py's and documents.py's)."""
    # Imported here: those modules build on this one's rules, and import it.
    from . import documents, plans

    with scopes_disabled():
        sources = [
            decided_anywhere().values_list("region_id", flat=True),
            Agreement.objects.values_list("funds__region", flat=True),
            plans.adopted_anywhere().values_list("region_id", flat=True),
            documents.adopted_anywhere().values_list("region_id", flat=True),
            documents.published_anywhere().values_list("requirement__region_id", flat=True),
        ]
        with_content = set().union(*(set(rows.distinct()) for rows in sources))
        return [(region, region.pk in with_content) for region in Region.objects.all()]


@dataclass
class Filters:
    """What the list is narrowed to; all optional, each validated by the page's form."""

    direction: int | None = None  # primary keys, as the form's choices give them
    year: int | None = None
    municipality: int | None = None
    stage: int | None = None
    query: str = ""


def published_dates(region) -> dict[int, datetime.date]:
    """Each published initiative's key and the date of its decision: the one query over the
    region's decisions that the list, its filters and its count all start from (the rest then
    read by these keys instead of repeating the search for decisions in force)."""
    with scopes_disabled():
        # As published(region), read from the region's decisions (a third faster at national
        # scale than from its initiatives: the search for decisions in force is the cost).
        withheld = _withheld(region).filter(initiative=OuterRef("initiative"))
        return dict(
            _approvals()
            .filter(initiative__region=region)
            .exclude(Exists(withheld))
            .values("initiative")
            .annotate(first=Min("decided_on"))
            .values_list("initiative", "first")
        )


def filter_choices(region, dates: dict | None = None) -> dict:
    """The filters' choices, from the region's published initiatives only (a choice that would
    show nothing, or hint at a withheld record, is not offered)."""
    dates = published_dates(region) if dates is None else dates
    ids = list(dates)
    with scopes_disabled():
        participants = Participant.objects.filter(initiative__in=ids).values("organisation")
        return {
            "directions": list(
                Direction.objects.filter(initiatives__in=ids).distinct().order_by("order", "code")
            ),
            "years": sorted({day.year for day in dates.values()}, reverse=True),
            "municipalities": list(
                Organisation.objects.filter(
                    region=region, kind=OrganisationKind.MUNICIPALITY, pk__in=participants
                ).order_by("name")
            ),
            "stages": list(Stage.objects.filter(initiatives__in=ids).distinct().order_by("order")),
        }


def _matching(dates: dict, filters: Filters) -> list[int]:
    """The keys of the published initiatives (`dates`) that `filters` leave, newest decision
    first (call within scopes_disabled). Each filter on a related row is an EXISTS, so no
    initiative is counted twice and no DISTINCT has to sort them."""
    ids = [pk for pk, day in dates.items() if filters.year is None or day.year == filters.year]
    narrowing = Q()
    if filters.direction is not None:
        narrowing &= Exists(
            Initiative.directions.through.objects.filter(
                initiative=OuterRef("pk"), direction=filters.direction
            )
        )
    if filters.municipality is not None:
        narrowing &= Exists(
            Participant.objects.filter(
                initiative=OuterRef("pk"), organisation_id=filters.municipality
            )
        )
    if filters.stage is not None:
        narrowing &= Q(stage_id=filters.stage)
    if filters.query:
        narrowing &= Q(title__icontains=filters.query) | Q(idea__icontains=filters.query)
    if narrowing:
        ids = Initiative.objects.filter(pk__in=ids).filter(narrowing).values_list("pk", flat=True)
    return sorted(ids, key=lambda pk: (dates[pk], pk), reverse=True)


def _summaries(ids: list[int], dates: dict) -> list["PublicSummary"]:
    """The summaries of the initiatives `ids`, in that order (call within scopes_disabled)."""
    rows = (
        Initiative.objects.filter(pk__in=ids)
        .select_related("stage")
        .prefetch_related(
            "directions",
            Prefetch(
                "participants",
                Participant.objects.select_related("organisation").order_by("organisation__name"),
            ),
        )
    )
    by_pk = {row.pk: row for row in rows}
    for pk in ids:
        by_pk[pk].decided_on = dates[pk]
    return [_summary(by_pk[pk]) for pk in ids]


def initiative_page(
    region, filters: Filters, page_number, dates: dict | None = None
) -> tuple[Page, int]:
    """(one page of the region's published initiatives, newest decision first, as summaries;
    how many of the region's decided initiatives are withheld)."""
    dates = published_dates(region) if dates is None else dates
    with scopes_disabled():
        page = Paginator(_matching(dates, filters), PER_PAGE).get_page(page_number)
        page.object_list = _summaries(list(page.object_list), dates)
        page.param = "page"
        withheld = (
            decided(region)
            .filter(Exists(_withheld(region).filter(initiative=OuterRef("pk"))))
            .count()
        )
    return page, withheld


def initiative_slice(
    region, filters: Filters, offset: int, limit: int
) -> tuple[int, list["PublicSummary"]]:
    """(how many published initiatives match, the summaries from `offset`, at most `limit`):
    the API's pages of the same list."""
    dates = published_dates(region)
    with scopes_disabled():
        ids = _matching(dates, filters)
        return len(ids), _summaries(ids[offset : offset + limit], dates)


def direction_and_municipality(region, direction_code: str, municipality_code: str):
    """The keys the filters take, from the codes the API is given (None for no filter, 0 for a
    code that names nothing, so the list is empty rather than unfiltered)."""
    direction = municipality = None
    with scopes_disabled():
        if direction_code:
            found = Direction.objects.filter(code=direction_code).values_list("pk", flat=True)
            direction = next(iter(found), 0)
        if municipality_code:
            found = Organisation.objects.filter(
                region=region, kind=OrganisationKind.MUNICIPALITY, code=municipality_code
            ).values_list("pk", flat=True)
            municipality = next(iter(found), 0)
    return direction, municipality


@dataclass
class PublicSummary:
    pk: int
    title: str
    summary: str
    decided_on: datetime.date
    stage: object
    directions: list
    organisations: list[str]


def _organisations(initiative) -> list[str]:
    """The participating organisations' names, each once (an organisation may take part with
    several operation areas). Never the contact persons."""
    return list(dict.fromkeys(p.organisation.name for p in initiative.participants.all()))


def _summary(initiative) -> PublicSummary:
    return PublicSummary(
        pk=initiative.pk,
        title=initiative.title,
        summary=initiative.idea,
        decided_on=initiative.decided_on,
        stage=initiative.stage,
        directions=list(initiative.directions.all()),
        organisations=_organisations(initiative),
    )


@dataclass
class PublicDecision:
    decided_on: datetime.date
    registration_number: str
    budget: Decimal | None
    bodies: list[str]
    stage: object


@dataclass
class PublicMeasure:
    name: str
    target_group: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    values: list = field(default_factory=list)  # (period_start, period_end, value)


@dataclass
class PublicInitiative(PublicSummary):
    decisions: list[PublicDecision] = field(default_factory=list)
    measures: list[PublicMeasure] = field(default_factory=list)
    final_evaluation: "PublicEvaluation | None" = None


@dataclass
class PublicEvaluation:
    summary: str
    effects: str
    lessons: str
    evaluated_on: datetime.date


@dataclass
class WithheldRecord:
    """What the public learns of a withheld record: that it is withheld, and why."""

    pk: int
    reason: str
    withheld_on: datetime.date


def _bodies(decision) -> list[str]:
    """Who takes the decision, by the region's workflow: the roles that may take the decision
    transition the decision's outcome took. The names of roles, never of persons."""
    roles = set()
    for transition in Transition.objects.filter(
        source=decision.stage_id, kind=TransitionKind.DECISION, outcome=decision.outcome
    ):
        roles.update(role for role in transition.roles if role in Role.values)
    return [str(Role(role).label) for role in sorted(roles)]


def public_initiative(region, pk: int) -> PublicInitiative | WithheldRecord:
    """A decided initiative's public fields, or the notice that it is withheld. Another
    region's initiative, an undecided one and a missing one are all a 404 alike."""
    with scopes_disabled():
        initiative = (
            decided(region)
            .select_related("stage", "proposal", "final_evaluation")
            .prefetch_related(
                "directions",
                Prefetch("participants", Participant.objects.select_related("organisation")),
            )
            .filter(pk=pk)
            .first()
        )
        if initiative is None:
            raise Http404
        withholding = _withheld(region).filter(initiative=initiative).first()
        if withholding is not None:
            return WithheldRecord(initiative.pk, withholding.reason, withholding.withheld_at.date())
        decisions = [
            PublicDecision(d.decided_on, d.registration_number, d.budget, _bodies(d), d.stage)
            for d in _approvals()
            .filter(initiative=initiative)
            .select_related("stage")
            .order_by("decided_on", "pk")
        ]
        return PublicInitiative(
            **vars(_summary(initiative)),
            decisions=decisions,
            measures=_measures(initiative),
            final_evaluation=_evaluation(initiative),
        )


def _evaluation(initiative) -> PublicEvaluation | None:
    evaluation = getattr(initiative, "final_evaluation", None)
    if evaluation is None:
        return None
    return PublicEvaluation(
        evaluation.summary, evaluation.effects, evaluation.lessons, evaluation.evaluated_on
    )


def _measures(initiative) -> list[PublicMeasure]:
    """The effect measures of the decided proposal and the values followed up (not the
    reports' free-text comments, which may name persons)."""
    proposal = getattr(initiative, "proposal", None)
    if proposal is None:
        return []
    measures = {
        m.pk: PublicMeasure(m.name, m.target_group, m.unit, m.baseline, m.target)
        for m in proposal.measures.all()
    }
    values = MeasureValue.objects.filter(
        report__in=FollowUpReport.objects.filter(initiative=initiative), measure__in=list(measures)
    ).select_related("report")
    for value in values.order_by("report__period_start", "pk"):
        measures[value.measure_id].values.append(
            (value.report.period_start, value.report.period_end, value.value)
        )
    return list(measures.values())


def agreements(region):
    """The region's agreement years with their funds per direction (as the funds overview)."""
    with scopes_disabled():
        recent, earlier = funds_queries.funds_overview(region)
        return [(a, list(rows)) for a, rows in recent], list(earlier)


def agreement_money(region, agreement_pk: int):
    """(agreement, its tables, its charts) for the region: the allocations per direction and
    recipient. An agreement that brings the region no funds is a 404."""
    with scopes_disabled():
        agreement = (
            Agreement.objects.filter(funds__region=region, pk=agreement_pk).distinct().first()
        )
        if agreement is None:
            raise Http404
        tables = agreement_tables(agreement, region)
        return agreement, tables, funds_charts.charts_for(tables)
