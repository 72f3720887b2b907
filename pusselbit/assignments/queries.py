"""Reads of assignment documents that pages (and the PDF/Word documents) share, scoped to a
region: the list with each document's overdue milestones counted in the database, and one
document gathered for showing in the seeds' order in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext

from pusselbit.accounts.rules import roles_by_region
from pusselbit.core.formatting import babel_locale
from pusselbit.funds.models import Allocation, Share
from pusselbit.funds.tables import Split, allocation_split
from pusselbit.plans.models import ActionPlan, Goal

from .enums import AssignmentStatus, PointKind, Season
from .models import Assignment, Milestone, Position, ReportingLine
from .rules import FOLLOW_UP_ROLES

# The listed points after the purpose, in the seeds' order; the questions belong to the
# background ("... frågeställningar som;").
POINTS_AFTER_PURPOSE = [PointKind.BASIS, PointKind.OVERALL, PointKind.EXAMPLE]


def overdue_milestones(today: datetime.date, prefix: str = "") -> Q:
    """Milestones not done whose deadline (Milestone.deadline: the date, or the last day of the
    season) is before `today`, as a filter; `prefix` reaches them from another model."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    # Spring ends 30 June: this year's spring is past from July on.
    spring_past = today.year if today > datetime.date(today.year, 6, 30) else today.year - 1
    return q(done_on__isnull=True) & (
        q(due_on__lt=today)
        | q(season=Season.SPRING, year__lte=spring_past)
        | q(season=Season.AUTUMN, year__lt=today.year)
    )


def assignments_in(region, today: datetime.date):
    """The region's assignment documents, newest first, each with `overdue_count`."""
    # Explicitly ordered: Django drops Meta.ordering from a query with an aggregate, which
    # listed the oldest first.
    return (
        Assignment.objects.filter(region=region)
        .annotate(
            overdue_count=Count("milestones", filter=overdue_milestones(today, "milestones__"))
        )
        .order_by("-dated", "-pk")
    )


def assignment_in(region, pk: int) -> Assignment:
    """The region's assignment `pk`; another region's (or none) is a 404."""
    return get_object_or_404(
        Assignment.objects.filter(region=region).select_related("region"), pk=pk
    )


def format_extent(extent: Decimal) -> str:
    """`1,0 tjänst`, `0,75 tjänst`, `2,0 tjänster` in the active language (`1.0 position` on
    an English page; the document is built in Swedish)."""
    number = format_decimal(extent, format="#,##0.0#", locale=babel_locale())
    text = ngettext("%(extent)s position", "%(extent)s positions", 2 if extent > 1 else 1)
    return (text % {"extent": number}).replace(" ", "\xa0")  # kept on one line


def timeline_order(milestone: Milestone):
    """By deadline: the model's ordering puts a year's autumn ("autumn") before its spring."""
    return (milestone.deadline, milestone.pk)


@dataclass
class TimelineRow:
    milestone: Milestone
    overdue: bool

    @property
    def status(self) -> str:
        if self.milestone.done_on:
            return "done"
        return "overdue" if self.overdue else "upcoming"


@dataclass
class PointGroup:
    kind: str
    label: str
    points: list


@dataclass
class AssignmentDocument:
    """Everything an assignment document shows, in the order the seeds give it: place and date,
    heading, title, background (with its questions), the action-plan goals with their
    indicators, activity with its positions, purpose, the points (based on, overall assignment,
    example activities), reporting, organisation, funds, timeline, signed place and date, and
    the signatories."""

    assignment: Assignment
    questions: list
    goals: list
    positions: list
    point_groups: list[PointGroup]
    reporting_lines: list
    funds: Split | None
    timeline: list[TimelineRow]
    signatories: list
    overdue_count: int = field(init=False)

    def __post_init__(self):
        self.overdue_count = sum(row.overdue for row in self.timeline)


def funds_split(allocation: Allocation | None) -> Split | None:
    """An assignment's funds as the allocation's shares: the pooled top slice first, then each
    recipient, largest first as the seed lists them (funds.tables.allocation_split)."""
    if allocation is None:
        return None
    shares = list(Share.objects.filter(allocation=allocation).select_related("recipient"))
    return allocation_split(allocation, shares, largest_first=True)


def assignment_document(assignment: Assignment, today: datetime.date) -> AssignmentDocument:
    """The document of `assignment`, milestones judged overdue against `today`."""
    assignment = (
        Assignment.objects.select_related(
            "region",
            "plan",
            "allocation__funds__agreement",
            "allocation__funds__direction",
        )
        .prefetch_related(
            Prefetch(
                "goals",
                Goal.objects.select_related("plan").prefetch_related("indicators"),
            ),
            Prefetch(
                "positions",
                Position.objects.select_related("employer"),
                to_attr="position_list",
            ),
            Prefetch("points", to_attr="point_list"),
            Prefetch(
                "reporting_lines",
                ReportingLine.objects.prefetch_related("goals"),
                to_attr="reporting_list",
            ),
            Prefetch("milestones", to_attr="milestone_list"),
            Prefetch("signatories", to_attr="signatory_list"),
        )
        .get(pk=assignment.pk)
    )
    for position in assignment.position_list:
        position.extent_text = format_extent(position.extent)
    by_kind = {kind: [] for kind in PointKind}
    for point in sorted(assignment.point_list, key=lambda p: (p.order, p.pk)):
        by_kind[point.kind].append(point)
    return AssignmentDocument(
        assignment=assignment,
        questions=by_kind[PointKind.QUESTION],
        goals=sorted(assignment.goals.all(), key=lambda g: (g.plan_id, g.number, g.target_group)),
        positions=assignment.position_list,
        point_groups=[
            PointGroup(kind=kind, label=kind.label, points=by_kind[kind])
            for kind in POINTS_AFTER_PURPOSE
            if by_kind[kind]
        ],
        reporting_lines=assignment.reporting_list,
        funds=funds_split(assignment.allocation),
        timeline=[
            TimelineRow(milestone=m, overdue=m.overdue(today))
            for m in sorted(assignment.milestone_list, key=timeline_order)
        ],
        signatories=assignment.signatory_list,
    )


def plans_in(region):
    return ActionPlan.objects.filter(region=region)


def goals_in(region):
    """The goals of the region's action plans, for choosing."""
    return (
        Goal.objects.filter(plan__region=region)
        .select_related("plan")
        .order_by("plan__first_year", "plan__title", "number", "target_group")
    )


def allocations_in(region):
    """The region's allocations, for choosing an assignment's funds."""
    return (
        Allocation.objects.filter(funds__region=region)
        .select_related("funds__agreement", "funds__direction")
        .order_by("-funds__agreement__year", "funds__agreement__name", "funds__direction__order")
    )


def follow_up_regions(user) -> list[int]:
    """The keys of the regions where the user's roles follow the assignments up."""
    return [
        region_id for region_id, roles in roles_by_region(user).items() if roles & FOLLOW_UP_ROLES
    ]


def overdue_for(user, today: datetime.date) -> list[Milestone]:
    """The overdue milestones of the adopted assignments the user follows up (in the regions
    where their roles do: assignments.follow_up_assignments), the longest overdue first, with
    their assignments and regions: one query. (A region's overdue milestones are few: each is
    marked done as it is reached.)"""
    regions = follow_up_regions(user)
    if not regions:
        return []
    milestones = (
        Milestone.objects.filter(overdue_milestones(today))
        .filter(assignment__region__in=regions, assignment__status=AssignmentStatus.ADOPTED)
        .select_related("assignment__region")
    )
    return sorted(milestones, key=lambda m: (m.deadline, m.pk))
