"""Preconditions for next year's funds (the Dalarna seed, section 2: the basic requirements of
sections 3–6 of the agreement are met, and the required report is submitted): the county
coordinator's check of each recipient, and the table of who meets them all."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import swedish_sort_key
from pusselbit.core.permissions import require
from pusselbit.organisations.models import Organisation

from .models import Precondition, PreconditionCheck, Report, ReportStatus, Requirement


@transaction.atomic
def check_precondition(precondition, recipient, *, actor, met: bool, note: str = ""):
    """Record whether `recipient` meets `precondition`; a second check replaces the first."""
    require(actor, "reporting.manage_reporting", precondition.region)
    is_recipient = Requirement.objects.filter(
        region_id=precondition.region_id,
        agreement_id=precondition.agreement_id,
        recipients=recipient,
    ).exists()
    if not is_recipient:
        raise ValidationError(
            _("%(recipient)s receives no funds under this agreement.") % {"recipient": recipient}
        )
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note to 300 characters.")})
    check, _created = PreconditionCheck.objects.update_or_create(
        precondition=precondition,
        recipient=recipient,
        defaults={"met": bool(met), "note": note, "checked_by": actor},
    )
    audit.record(
        "reporting.precondition_checked",
        check,
        actor=actor,
        precondition=precondition.pk,
        recipient=recipient.pk,
        met=bool(met),
        note=note,
    )
    return check


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

    @property
    def not_met_counts(self) -> list[tuple[Precondition, int]]:
        return [(p, self.not_met[p.pk]) for p in self.preconditions]


def precondition_table(region, agreement) -> PreconditionTable:
    """One row per recipient of the agreement's requirements in the region: each
    precondition's check, whether every report needed for next year's funds is submitted (any
    submitted version counts; a correction under way does not undo the submission), and
    whether it meets them all. Five queries, however many recipients."""
    preconditions = list(
        Precondition.objects.filter(region=region, agreement=agreement).order_by("order", "pk")
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
    required = [r for r in requirements if r.precondition_for_next_year]
    submitted = set(
        Report.objects.filter(requirement__in=required, status=ReportStatus.SUBMITTED).values_list(
            "requirement_id", "recipient_id"
        )
    )
    recipients: dict[int, Organisation] = {}
    required_of: dict[int, list[int]] = {}
    for requirement in requirements:
        for recipient in requirement.recipients.all():
            recipients.setdefault(recipient.pk, recipient)
            needs = required_of.setdefault(recipient.pk, [])
            if requirement.precondition_for_next_year:
                needs.append(requirement.pk)
    table = PreconditionTable(preconditions, [], not_met={p.pk: 0 for p in preconditions})
    for recipient in sorted(recipients.values(), key=lambda o: swedish_sort_key(o.name)):
        row_checks = [checks.get((p.pk, recipient.pk)) for p in preconditions]
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


def not_meeting_for(region, agreement):
    """Who does not yet meet the preconditions that the year before `agreement` set for its
    funds: (the earlier agreement, [recipients]) — or (None, []) when there is none."""
    from pusselbit.funds.models import Agreement

    earlier = (
        Agreement.objects.filter(year=agreement.year - 1, preconditions__region=region)
        .distinct()
        .first()
    )
    if earlier is None:
        return None, []
    table = precondition_table(region, earlier)
    return earlier, [row.recipient for row in table.rows if not row.meets_all]
