"""Reads for the reporting pages: the overview of who has reported (a fixed number of queries
however many recipients), a recipient's report with its versions, and what the ledger and the
initiatives already say about the recipient."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.accounts.rules import organisations_in, roles_by_region
from pusselbit.funds import queries as funds_queries
from pusselbit.funds.models import Agreement
from pusselbit.initiatives.models import EffectMeasure, Initiative, MeasureValue
from pusselbit.organisations.models import Organisation

from .enums import AnswerType, ReportStatus
from .models import Compilation, Question, Report, Requirement

# Who must report on which requirement: the many-to-many's own rows, to count in the database.
RequirementRecipient = Requirement.recipients.through


class RecipientStatus:
    """Where a recipient stands on a requirement, as the overview shows it: a report's
    ReportStatus, plus not started and late, which no report row records."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    LATE = "late"
    ALL = [NOT_STARTED, DRAFT, SUBMITTED, LATE]
    LABELS = [
        (NOT_STARTED, _("Not started")),
        (DRAFT, _("Draft")),
        (SUBMITTED, _("Submitted")),
        (LATE, _("Late")),
    ]


def status_of(requirement, report, today: datetime.date) -> str:
    if report is not None and report.status == ReportStatus.SUBMITTED:
        return RecipientStatus.SUBMITTED
    if requirement.deadline < today:
        return RecipientStatus.LATE
    return RecipientStatus.NOT_STARTED if report is None else RecipientStatus.DRAFT


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

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def own_organisation_ids(user, region) -> set[int]:
    return set(organisations_in(user, region))


def visible_recipient_ids(user, region, recipient_ids, own_ids: set[int]) -> set[int]:
    """County coordinators see every recipient; a user working for a recipient sees their own;
    anyone else in the region sees them all, read-only."""
    recipient_ids = set(recipient_ids)
    if user.has_perm("reporting.manage_reporting", region):
        return recipient_ids
    return (recipient_ids & own_ids) or recipient_ids


def _visible(user, region, own: set[int], requirement_field: str, recipient_field: str) -> Q:
    """visible_recipient_ids as a condition on rows naming a requirement and a recipient: every
    recipient for the coordinator; the user's own where the requirement has any, all otherwise."""
    if user.has_perm("reporting.manage_reporting", region):
        return Q()
    own_here = RequirementRecipient.objects.filter(
        requirement_id=OuterRef(requirement_field), organisation_id__in=own
    )
    return Q(**{f"{recipient_field}__in": own}) | ~Exists(own_here)


def _with_status(rows, *, current_report: Q, late) -> object:
    """rows annotated with `status` (RecipientStatus), worked out in the database as status_of
    does in Python: the current (highest) version of the report decides, then the deadline."""
    current = Report.objects.filter(current_report).order_by("-version").values("status")[:1]
    return rows.annotate(current_status=Subquery(current)).annotate(
        status=Case(
            When(current_status=ReportStatus.SUBMITTED, then=Value(RecipientStatus.SUBMITTED)),
            When(late, then=Value(RecipientStatus.LATE)),
            When(current_status__isnull=True, then=Value(RecipientStatus.NOT_STARTED)),
            default=Value(RecipientStatus.DRAFT),
            output_field=CharField(),
        )
    )


def agreements_with_requirements(region) -> list[Agreement]:
    """The agreements the region has reporting requirements on, newest year first."""
    return list(
        Agreement.objects.filter(requirements__region=region).distinct().order_by("-year", "-pk")
    )


def _status_counts(visible, requirements, today) -> dict[int, dict[str, int]]:
    """requirement id → status → how many of the visible recipients are in it: one query,
    grouped in the database."""
    counts = {r.pk: dict.fromkeys(RecipientStatus.ALL, 0) for r in requirements}
    totals = _with_status(
        visible,
        current_report=Q(
            requirement=OuterRef("requirement_id"), recipient=OuterRef("organisation_id")
        ),
        late=Q(requirement__deadline__lt=today),
    )
    grouped = totals.order_by().values("requirement_id", "status").annotate(n=Count("pk"))
    for requirement_id, status, count in grouped.values_list("requirement_id", "status", "n"):
        counts[requirement_id][status] = count
    return counts


def status_counts(user, region, requirement, today) -> dict[str, int]:
    """status → how many of the requirement's recipients the user may see are in it."""
    own = own_organisation_ids(user, region)
    visible = RequirementRecipient.objects.filter(requirement=requirement).filter(
        _visible(user, region, own, "requirement_id", "organisation_id")
    )
    return _status_counts(visible, [requirement], today)[requirement.pk]


def overview(
    user, region, agreement, *, today: datetime.date | None = None
) -> list[RequirementOverview]:
    """The requirements of one agreement, each with how many of the recipients the user may see
    are in each status (counted in the database) and the rows of the user's own organisations.
    A fixed number of queries, whatever the number of recipients."""
    today = today or timezone.localdate()
    requirements = list(
        Requirement.objects.filter(region=region, agreement=agreement)
        .select_related("agreement")
        .order_by("deadline", "kind", "pk")
    )
    own = own_organisation_ids(user, region)
    visible = RequirementRecipient.objects.filter(requirement__in=requirements).filter(
        _visible(user, region, own, "requirement_id", "organisation_id")
    )
    counts = _status_counts(visible, requirements, today)
    # The user's own organisations' rows, on the overview itself (a local coordinator's one
    # municipality): two queries for every requirement of the page.
    own_recipients: dict[int, list[Organisation]] = {}
    for link in visible.filter(organisation_id__in=own).select_related("organisation"):
        own_recipients.setdefault(link.requirement_id, []).append(link.organisation)
    reports = _current_reports(
        Report.objects.filter(requirement__in=requirements, recipient_id__in=own)
    )
    return [
        RequirementOverview(
            requirement,
            _rows(
                requirement,
                sorted(own_recipients.get(requirement.pk, []), key=lambda o: (o.name, o.pk)),
                reports,
                today,
            ),
            counts[requirement.pk],
        )
        for requirement in requirements
    ]


def recipients_in_view(user, region, requirement, *, status: str | None = None, today=None):
    """The recipients of the requirement the user may see, by name, annotated with their
    status (a QuerySet, to be paginated); only those in `status` when given."""
    today = today or timezone.localdate()
    own = own_organisation_ids(user, region)
    links = RequirementRecipient.objects.filter(requirement=requirement).filter(
        _visible(user, region, own, "requirement_id", "organisation_id")
    )
    recipients = _with_status(
        Organisation.objects.filter(pk__in=links.values("organisation_id")),
        current_report=Q(requirement=requirement, recipient=OuterRef("pk")),
        # The same deadline for every row: decided here, a constant in the query.
        late=Value(requirement.deadline < today, output_field=BooleanField()),
    )
    if status in RecipientStatus.ALL:
        recipients = recipients.filter(status=status)
    return recipients.order_by("name", "pk")


def _current_reports(reports) -> dict[tuple[int, int], Report]:
    """(requirement id, recipient id) → the highest version of its report."""
    current = {}
    for report in reports.order_by("version"):
        current[(report.requirement_id, report.recipient_id)] = report
    return current


def _rows(requirement, recipients, reports, today) -> list[OverviewRow]:
    rows = []
    for recipient in recipients:
        report = reports.get((requirement.pk, recipient.pk))
        status = status_of(requirement, report, today)
        days = None if status == RecipientStatus.SUBMITTED else (requirement.deadline - today).days
        rows.append(OverviewRow(recipient, report, status, days, requirement.deadline))
    return rows


def recipient_rows(requirement, recipients, today: datetime.date) -> list[OverviewRow]:
    """One row per recipient (of one page) with its current report: one query."""
    reports = _current_reports(
        Report.objects.filter(requirement=requirement, recipient__in=[r.pk for r in recipients])
    )
    return _rows(requirement, recipients, reports, today)


def with_recipients(requirements) -> list[Requirement]:
    """The requirements with their recipients read (one query), for who cannot be reminded."""
    prefetch_related_objects(
        requirements, Prefetch("recipients", queryset=Organisation.objects.order_by("name", "pk"))
    )
    return requirements


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
    """requirement id → its newest compilation, in one query."""
    latest = Compilation.objects.filter(
        requirement__in=requirements,
        pk__in=Subquery(
            Compilation.objects.filter(requirement=OuterRef("requirement"))
            .order_by("-requested_at", "-pk")
            .values("pk")[:1]
        ),
    ).select_related("requested_by")
    return {c.requirement_id: c for c in latest}


def compilation_in(region, pk: int) -> Compilation:
    """The compilation, with its files' names and sizes (the files are in the storage)."""
    return get_object_or_404(
        Compilation.objects.filter(requirement__region=region).select_related(
            "requirement__agreement", "requested_by", "published_by"
        ),
        pk=pk,
    )


@dataclass
class Due:
    """A report the user's organisation owes: the requirement, the organisation, days left
    (negative when late) and the current draft, if one is begun."""

    requirement: Requirement
    organisation: Organisation
    days_left: int

    @property
    def days_late(self) -> int:
        return -self.days_left


def due_for(user, today: datetime.date, *, ahead_days: int = 60) -> list[Due]:
    """The reports the organisations the user works for must still submit: those due within
    `ahead_days` and those late, the most urgent first. One query, over the requirements that
    name one of the user's organisations as a recipient with no submitted report from it."""
    organisations = {
        organisation
        for region_id in roles_by_region(user)
        for organisation in organisations_in(user, region_id)
    }
    if not organisations:
        return []
    submitted = Report.objects.filter(
        requirement_id=OuterRef("requirement_id"),
        recipient_id=OuterRef("organisation_id"),
        status=ReportStatus.SUBMITTED,
    )
    rows = (
        RequirementRecipient.objects.filter(
            organisation_id__in=organisations,
            requirement__deadline__lte=today + datetime.timedelta(days=ahead_days),
        )
        .filter(~Exists(submitted))
        .select_related("requirement__region", "requirement__agreement", "organisation")
        .order_by("requirement__deadline", "requirement_id", "organisation__name")
    )
    return [
        Due(row.requirement, row.organisation, (row.requirement.deadline - today).days)
        for row in rows
    ]
