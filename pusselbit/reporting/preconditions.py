"""Preconditions for next year's funds (the Dalarna seed, section 2: the basic requirements of
sections 3–6 of the agreement are met, and the required report is submitted): the table of who
meets them all, from the county coordinator's checks of each recipient (written by
domain.preconditions.record_precondition_checks) and the submitted reports."""

from dataclasses import dataclass, field

from django.db.models import Q

from pusselbit.core.formatting import swedish_sort_key
from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Organisation

from .enums import ReportStatus
from .models import Precondition, PreconditionCheck, Report, Requirement


@dataclass
class ByReport:
    """A precondition's cell that a report's submission fills, not a hand check."""

    met: bool
    required: bool
    note: str = ""
    by_report: bool = True


@dataclass
class PreconditionRow:
    recipient: Organisation
    cells: list  # (precondition, its PreconditionCheck or None), in the table's order
    report_required: bool
    report_submitted: bool
    meets_all: bool


@dataclass
class PreconditionTable:
    preconditions: list[Precondition]
    rows: list[PreconditionRow]
    not_met: dict[int, int] = field(default_factory=dict)  # precondition pk → recipients
    reports_missing: int = 0
    not_meeting_all: int = 0
    report_column: bool = True  # some required report is not a precondition's own column

    @property
    def checked_by_hand(self) -> list[Precondition]:
        return [p for p in self.preconditions if p.requirement_id is None]

    @property
    def not_met_counts(self) -> list[tuple[Precondition, int]]:
        return [(p, self.not_met[p.pk]) for p in self.preconditions]


def precondition_table(region, agreement) -> PreconditionTable:
    """One row per recipient of the agreement's requirements in the region: each
    precondition's check, whether every report needed for next year's funds is submitted (any
    submitted version counts; a correction under way does not undo the submission), and
    whether it meets them all. Five queries, however many recipients."""
    preconditions = list(
        Precondition.objects.filter(region=region, agreement=agreement)
        .select_related("requirement")
        .order_by("order", "pk")
    )
    requirements = list(
        Requirement.objects.filter(region=region, agreement=agreement).prefetch_related(
            "recipients"
        )
    )
    checks = {
        (check.precondition_id, check.recipient_id): check
        for check in PreconditionCheck.objects.filter(precondition__in=preconditions)
    }
    # A requirement that a precondition names is that precondition's column; the others
    # needed for next year's funds make the "report submitted" column.
    linked = {p.requirement_id for p in preconditions if p.requirement_id is not None}
    required = [r for r in requirements if r.precondition_for_next_year and r.pk not in linked]
    submitted = set(
        Report.objects.filter(
            Q(requirement__in=required) | Q(requirement_id__in=linked),
            status=ReportStatus.SUBMITTED,
        ).values_list("requirement_id", "recipient_id")
    )
    asked = {(r.pk, o.pk) for r in requirements for o in r.recipients.all()}
    recipients: dict[int, Organisation] = {}
    required_of: dict[int, list[int]] = {}
    for requirement in requirements:
        for recipient in requirement.recipients.all():
            recipients.setdefault(recipient.pk, recipient)
            needs = required_of.setdefault(recipient.pk, [])
            if requirement.precondition_for_next_year and requirement.pk not in linked:
                needs.append(requirement.pk)
    table = PreconditionTable(preconditions, [], not_met={p.pk: 0 for p in preconditions})
    table.report_column = bool(required)
    for recipient in sorted(recipients.values(), key=lambda o: swedish_sort_key(o.name)):
        row_checks = [
            _by_report(p, recipient, asked, submitted)
            if p.requirement_id is not None
            else checks.get((p.pk, recipient.pk))
            for p in preconditions
        ]
        needs = required_of[recipient.pk]
        report_submitted = all((pk, recipient.pk) in submitted for pk in needs)
        all_checked = all(check is not None and check.met for check in row_checks)
        row = PreconditionRow(
            recipient=recipient,
            cells=list(zip(preconditions, row_checks, strict=True)),
            report_required=bool(needs),
            report_submitted=report_submitted,
            meets_all=all_checked and report_submitted,
        )
        for precondition, check in row.cells:
            if check is None or not check.met:
                table.not_met[precondition.pk] += 1
        table.reports_missing += not report_submitted
        table.not_meeting_all += not row.meets_all
        table.rows.append(row)
    return table


def _by_report(precondition, recipient, asked, submitted) -> ByReport:
    key = (precondition.requirement_id, recipient.pk)
    if key not in asked:  # the recipient is not asked for that report: nothing to wait for
        return ByReport(met=True, required=False)
    return ByReport(met=key in submitted, required=True)


def not_meeting_for(region, agreement):
    """Who does not yet meet the preconditions that the year before `agreement` set for its
    funds: (the earlier agreement, [recipients]) — or (None, []) when there is none."""
    earlier = (
        Agreement.objects.filter(year=agreement.year - 1, preconditions__region=region)
        .distinct()
        .first()
    )
    if earlier is None:
        return None, []
    table = precondition_table(region, earlier)
    return earlier, [row.recipient for row in table.rows if not row.meets_all]


def agreement_page(region, agreement) -> dict:
    """What the funds' agreement page says of the preconditions (funds.page_context)."""
    earlier, not_meeting = not_meeting_for(region, agreement)
    return {"earlier_agreement": earlier, "not_meeting": not_meeting}
