"""Every region's published initiatives with what came of them, for "Lär av andra"
(pusselbit.learning): the effect measures with their followed-up values, the final evaluation
and the decision on implementation.

What is published is publishing.py's rule (`published_anywhere`: decided and not withheld), and
as there each function reads with the scoping disabled, narrowly, and hands back plain data.
`searchable` is the one exception, a queryset for a search to rank within; what the search
finds is read through `results`, which asks again whether each key is published, so a caller
that widened the scope would still be shown only public content.

What came of an initiative (Outcome) is read from its decisions in force and its stage:

- implemented, or scaled up: an approval with an extent, the decision on implementation
  (Decision.extent; the newest counts, should a region have taken two);
- ended: a rejection recorded at a running stage (the decision not to implement), or an end
  stage reached without a decision on implementation;
- running: any other."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import ExtractYear, Lower
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction
from pusselbit.core.pagination import PER_PAGE
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.enums import DecisionExtent, DecisionOutcome, StageKind
from pusselbit.initiatives.models import Decision, EffectMeasure, Initiative, MeasureValue
from pusselbit.organisations.models import Region

from .publishing import PublicEvaluation, PublicMeasure, _approvals, published_anywhere


class Outcome(models.TextChoices):
    RUNNING = "running", _("Running")
    IMPLEMENTED = "implemented", _("Implemented")
    SCALED_UP = "scaled_up", _("Scaled up")
    ENDED = "ended", _("Ended")


@dataclass
class Filters:
    """What the search is narrowed to; all optional, each validated by the page's form."""

    direction: int | None = None  # a Direction's key
    # Any of these words (or parts of words) in a target group's text, the initiative's or an
    # effect measure's (learning.target_groups turns a group into its words).
    target_words: tuple[str, ...] = ()
    year: int | None = None  # of the first approval in force, the decision to carry it out
    region: int | None = None  # a Region's key
    outcome: str = ""  # an Outcome


@dataclass
class ImplementationDecision:
    decided_on: datetime.date
    registration_number: str
    extent: str  # DecisionExtent

    @property
    def extent_label(self) -> str:
        return DecisionExtent(self.extent).label


@dataclass
class Result:
    """One published initiative and what came of it, as "Lär av andra" shows it."""

    pk: int
    region: Region
    title: str
    summary: str
    target_groups: str
    directions: list
    decided_on: datetime.date
    outcome: str  # Outcome
    implementation: ImplementationDecision | None = None
    measures: list[PublicMeasure] = field(default_factory=list)
    final_evaluation: PublicEvaluation | None = None

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


def _outcomes():
    """Every region's published initiatives, each with `decided_on` (its first approval in
    force: the year filter's year and the newest-first order) and `outcome` (call within
    scopes_disabled)."""
    approvals = _approvals().filter(initiative=OuterRef("pk"))
    extent = approvals.exclude(extent="").order_by("-decided_on", "-pk").values("extent")[:1]
    not_implemented = Decision.objects.filter(
        initiative=OuterRef("pk"),
        outcome=DecisionOutcome.REJECTED,
        replaced_by__isnull=True,
        stage__running=True,
    )
    return published_anywhere().annotate(
        decided_on=Subquery(approvals.order_by("decided_on", "pk").values("decided_on")[:1]),
        implementation_extent=Subquery(extent),
        outcome=Case(
            When(implementation_extent=DecisionExtent.IMPLEMENT, then=Value(Outcome.IMPLEMENTED)),
            When(implementation_extent=DecisionExtent.SCALE_UP, then=Value(Outcome.SCALED_UP)),
            When(
                Q(Exists(not_implemented)) | Q(stage__kind=StageKind.END), then=Value(Outcome.ENDED)
            ),
            default=Value(Outcome.RUNNING),
            output_field=models.CharField(),
        ),
    )


def _in_target_groups(words) -> Q:
    """Any of `words` in the initiative's target groups or in an effect measure's. Both sides
    lower-cased: SQLite's lower() folds å, ä and ö too (core.database)."""
    words = [word.lower() for word in words]
    own = Q()
    measured = Q()
    for word in words:
        own |= Q(Contains(Lower("target_groups"), word))
        measured |= Q(Contains(Lower("target_group"), word))
    measures = EffectMeasure.objects.filter(proposal__initiative=OuterRef("pk")).filter(measured)
    return own | Q(Exists(measures))


def _filtered(filters: Filters):
    """The published initiatives that `filters` leave (call within scopes_disabled). Each
    filter on a related row is an EXISTS, so no initiative is counted twice."""
    rows = _outcomes()
    if filters.direction is not None:
        rows = rows.filter(
            Exists(
                Initiative.directions.through.objects.filter(
                    initiative=OuterRef("pk"), direction=filters.direction
                )
            )
        )
    if filters.region is not None:
        rows = rows.filter(region=filters.region)
    if filters.year is not None:
        # A range rather than __year: the same on both engines, and no function of the date.
        rows = rows.filter(
            decided_on__gte=datetime.date(filters.year, 1, 1),
            decided_on__lt=datetime.date(filters.year + 1, 1, 1),
        )
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    if filters.target_words:
        rows = rows.filter(_in_target_groups(filters.target_words))
    return rows


def searchable(filters: Filters):
    """The published initiatives that `filters` leave, as a queryset of Initiative for a search
    to rank within (call within scopes_disabled). Read what it finds through `results`."""
    return _filtered(filters)


def filter_choices() -> dict:
    """The filters' choices, from what is published (a choice that would find nothing, or
    hint at a withheld record, is not offered): directions, years and regions."""
    with scopes_disabled():
        published = published_anywhere().values("pk")
        linked = Initiative.directions.through.objects.filter(
            direction=OuterRef("pk"), initiative__in=published
        )
        years = (
            _outcomes()
            .annotate(year=ExtractYear("decided_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return {
            "directions": list(Direction.objects.filter(Exists(linked)).order_by("order", "code")),
            "years": list(years),
            "regions": list(
                Region.objects.filter(
                    Exists(published_anywhere().filter(region=OuterRef("pk")))
                ).order_by("name")
            ),
        }


def newest_page(filters: Filters, page_number, *, per_page: int = PER_PAGE) -> Page:
    """One page of the published initiatives that `filters` leave, newest decision first, as
    results: counted and sliced in the database, then the page's results read."""
    with scopes_disabled():
        keys = _filtered(filters).order_by("-decided_on", "-pk").values_list("pk", flat=True)
        page = Paginator(keys, per_page).get_page(page_number)
        page.object_list = results(list(page.object_list))
    page.param = "page"
    return page


def results(pks: list[int]) -> list[Result]:
    """The results of the initiatives `pks`, in that order; a key that names no published
    initiative is left out. Five queries, however many keys."""
    with scopes_disabled():
        implementations = _approvals().exclude(extent="").order_by("-decided_on", "-pk")
        values = MeasureValue.objects.select_related("report").order_by(
            "report__period_start", "pk"
        )
        rows = (
            _outcomes()
            .filter(pk__in=pks)
            .select_related("region", "proposal", "final_evaluation")
            .prefetch_related(
                "directions",
                Prefetch("proposal__measures", EffectMeasure.objects.order_by("pk")),
                Prefetch("proposal__measures__values", values),
                Prefetch("decisions", implementations, to_attr="implementations"),
            )
        )
        by_pk = {row.pk: _result(row) for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _result(initiative) -> Result:
    decision = next(iter(initiative.implementations), None)
    evaluation = getattr(initiative, "final_evaluation", None)
    return Result(
        pk=initiative.pk,
        region=initiative.region,
        title=initiative.title,
        summary=initiative.idea,
        target_groups=initiative.target_groups,
        directions=list(initiative.directions.all()),
        decided_on=initiative.decided_on,
        outcome=initiative.outcome,
        implementation=(
            ImplementationDecision(
                decision.decided_on, decision.registration_number, decision.extent
            )
            if decision
            else None
        ),
        measures=_measures(initiative),
        final_evaluation=(
            PublicEvaluation(
                evaluation.summary, evaluation.effects, evaluation.lessons, evaluation.evaluated_on
            )
            if evaluation
            else None
        ),
    )


def _measures(initiative) -> list[PublicMeasure]:
    """The decided proposal's effect measures with the values followed up in the initiative's
    own reports (never the reports' comments, which may name persons), as publishing shows
    them on the initiative's page."""
    proposal = getattr(initiative, "proposal", None)
    if proposal is None:
        return []
    measures = []
    for m in proposal.measures.all():
        measure = PublicMeasure(m.name, m.target_group, m.unit, m.baseline, m.target)
        measure.values = [
            (v.report.period_start, v.report.period_end, v.value)
            for v in m.values.all()
            if v.report.initiative_id == initiative.pk
        ]
        measures.append(measure)
    return measures
