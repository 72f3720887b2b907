"""Reads for the reporting pages: the overview of who has reported (a fixed number of queries
however many recipients), a recipient's report with its versions, and what the ledger and the
initiatives already say about the recipient."""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pusselbit.funds import queries as funds_queries
from pusselbit.initiatives.models import EffectMeasure, Initiative, MeasureValue
from pusselbit.organisations.models import Organisation

from .models import AnswerType, Compilation, Question, Report, ReportStatus, Requirement


class Status:
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    LATE = "late"
    ALL = [NOT_STARTED, DRAFT, SUBMITTED, LATE]


def status_of(requirement, report, today: datetime.date) -> str:
    if report is not None and report.status == ReportStatus.SUBMITTED:
        return Status.SUBMITTED
    if requirement.deadline < today:
        return Status.LATE
    return Status.NOT_STARTED if report is None else Status.DRAFT


@dataclass
class OverviewRow:
    recipient: Organisation
    report: Report | None
    status: str
    days_left: int | None  # None once submitted; negative when late

    @property
    def days_late(self) -> int | None:
        """How many days late a report not yet submitted is, as a positive number."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else None

    @property
    def submitted_late(self) -> bool:
        return submitted_late(self.report, self.requirement_deadline)

    requirement_deadline: datetime.date | None = None


def submitted_late(report, deadline) -> bool:
    """Whether the report was submitted after its deadline's day (in Swedish time)."""
    return (
        report is not None
        and report.status == ReportStatus.SUBMITTED
        and report.submitted_at is not None
        and deadline is not None
        and timezone.localdate(report.submitted_at) > deadline
    )


def days_submitted_late(report, deadline) -> int:
    return (timezone.localdate(report.submitted_at) - deadline).days


@dataclass
class RequirementOverview:
    requirement: Requirement
    rows: list[OverviewRow]
    counts: dict[str, int] = field(default_factory=dict)


def own_organisation_ids(user, region) -> set[int]:
    return set(user.memberships.filter(region=region).values_list("organisation_id", flat=True))


def visible_recipient_ids(user, region, recipient_ids, own_ids: set[int]) -> set[int]:
    """County coordinators see every recipient; a user working for a recipient sees their own;
    anyone else in the region sees them all, read-only."""
    recipient_ids = set(recipient_ids)
    if user.has_perm("reporting.manage_reporting", region):
        return recipient_ids
    return (recipient_ids & own_ids) or recipient_ids


def overview(user, region, *, today: datetime.date | None = None) -> list[RequirementOverview]:
    """Every requirement of the region, newest agreement first, with one row per recipient the
    user may see. Five queries, whatever the number of requirements and recipients."""
    today = today or timezone.localdate()
    requirements = list(
        Requirement.objects.filter(region=region)
        .select_related("agreement")
        .prefetch_related(
            Prefetch("recipients", queryset=Organisation.objects.order_by("name", "pk"))
        )
        .order_by("-agreement__year", "-agreement__pk", "deadline", "kind")
    )
    current: dict[tuple[int, int], Report] = {}
    for report in Report.objects.filter(requirement__in=requirements).order_by("version"):
        current[(report.requirement_id, report.recipient_id)] = report
    own = own_organisation_ids(user, region)
    result = []
    for requirement in requirements:
        recipients = list(requirement.recipients.all())
        visible = visible_recipient_ids(user, region, [r.pk for r in recipients], own)
        rows = []
        for recipient in recipients:
            if recipient.pk not in visible:
                continue
            report = current.get((requirement.pk, recipient.pk))
            status = status_of(requirement, report, today)
            days = None if status == Status.SUBMITTED else (requirement.deadline - today).days
            rows.append(OverviewRow(recipient, report, status, days, requirement.deadline))
        counts = {status: sum(1 for r in rows if r.status == status) for status in Status.ALL}
        result.append(RequirementOverview(requirement, rows, counts))
    return result


def requirement_in(region, pk: int) -> Requirement:
    return get_object_or_404(
        Requirement.objects.filter(region=region).select_related(
            "agreement", "question_set", "region"
        ),
        pk=pk,
    )


def recipient_of(requirement, pk: int) -> Organisation:
    return get_object_or_404(requirement.recipients.all(), pk=pk)


def versions(requirement, recipient) -> list[Report]:
    """Every version of the recipient's report, newest first."""
    return list(
        Report.objects.filter(requirement=requirement, recipient=recipient)
        .select_related("submitted_by")
        .order_by("-version")
    )


def report_in(region, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.filter(requirement__region=region).select_related(
            "requirement__agreement", "requirement__question_set", "recipient", "submitted_by"
        ),
        pk=pk,
    )


def questions_of(question_set) -> list[Question]:
    return list(
        Question.objects.filter(section__question_set=question_set)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )


@dataclass
class AnsweredQuestion:
    question: Question
    answer: object  # an Answer or None


def answered_sections(report) -> list[tuple]:
    """[(section, [AnsweredQuestion, …]), …] in the question set's order, for a read-only page."""
    answers = {a.question_id: a for a in report.answers.all()}
    sections: dict[int, tuple] = {}
    for question in questions_of(report.requirement.question_set):
        entry = sections.setdefault(question.section_id, (question.section, []))
        entry[1].append(AnsweredQuestion(question, answers.get(question.pk)))
    return list(sections.values())


def initial_answers(report) -> dict[str, object]:
    """question code → the value a form field shows for the saved answer."""
    if report is None:
        return {}
    initial = {}
    for answer in report.answers.select_related("question"):
        kind = answer.question.answer_type
        if kind in (AnswerType.NUMBER, AnswerType.AMOUNT):
            initial[answer.question.code] = answer.number
        elif kind == AnswerType.YES_NO:
            initial[answer.question.code] = (
                None if answer.yes is None else ("yes" if answer.yes else "no")
            )
        else:
            initial[answer.question.code] = answer.text
    return initial


def ledger_of(region, agreement, recipient) -> list:
    """The recipient's rows of the agreement's ledger, one per direction."""
    return [
        row
        for row in funds_queries.ledger(region, agreement)
        if row.share.recipient_id == recipient.pk
    ]


@dataclass
class MeasureLine:
    measure: EffectMeasure
    latest: MeasureValue | None


def initiatives_of(region, recipient) -> list[tuple[Initiative, list[MeasureLine]]]:
    """The initiatives the recipient owned or took part in, with their effect measures and each
    measure's latest recorded value."""
    initiatives = list(
        Initiative.objects.filter(region=region)
        .filter(Q(organisation=recipient) | Q(participants__organisation=recipient))
        .select_related("stage")
        .distinct()
        .order_by("title", "pk")
    )
    measures = list(
        EffectMeasure.objects.filter(proposal__initiative__in=initiatives)
        .select_related("proposal")
        .order_by("pk")
    )
    latest: dict[int, MeasureValue] = {}
    values = MeasureValue.objects.filter(measure__in=measures).select_related("report")
    for value in values.order_by("report__period_end", "report__reported_at", "pk"):
        latest[value.measure_id] = value
    by_initiative: dict[int, list[MeasureLine]] = {}
    for measure in measures:
        line = MeasureLine(measure, latest.get(measure.pk))
        by_initiative.setdefault(measure.proposal.initiative_id, []).append(line)
    return [(initiative, by_initiative.get(initiative.pk, [])) for initiative in initiatives]


def latest_compilations(requirements) -> dict[int, Compilation]:
    """requirement id → its newest compilation (files not read), in one query."""
    latest = (
        Compilation.objects.filter(
            requirement__in=requirements,
            pk__in=Subquery(
                Compilation.objects.filter(requirement=OuterRef("requirement"))
                .order_by("-requested_at", "-pk")
                .values("pk")[:1]
            ),
        )
        .defer(*Compilation.FILES)
        .select_related("requested_by")
    )
    return {c.requirement_id: c for c in latest}


def compilation_in(region, pk: int) -> Compilation:
    """The compilation, files not read but their presence known."""
    return get_object_or_404(
        Compilation.objects.filter(requirement__region=region)
        .defer(*Compilation.FILES)
        .annotate(
            **{
                f"has_{name}": ExpressionWrapper(
                    Q(**{f"{name}__isnull": False}), output_field=BooleanField()
                )
                for name in Compilation.FILES
            }
        )
        .select_related("requirement__agreement", "requested_by"),
        pk=pk,
    )
