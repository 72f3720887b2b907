"""Every write to assignment documents goes through these functions. An adopted assignment's
content is a record and no longer changes; its milestones are followed up."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.concurrency import save_if_unchanged
from pusselbit.core.permissions import require

from .document import adopted_record
from .enums import AssignmentStatus
from .models import Assignment, Milestone, Point, Position, ReportingLine, Signatory

CONTENT_FIELDS = [
    "plan",
    "place",
    "dated",
    "co_senders",
    "heading",
    "title",
    "background",
    "goals_text",
    "activity",
    "purpose",
    "organisation_text",
    "reporting",
    "allocation",
    "funds_text",
    "signed_place",
    "signed_on",
]


def _editable(assignment) -> None:
    if assignment.status == AssignmentStatus.ADOPTED:
        raise ValidationError(_("An adopted assignment is a record and is not changed."))


def _check_links(region, values) -> None:
    plan, allocation = values.get("plan"), values.get("allocation")
    if plan is not None and plan.region_id != region.pk:
        raise ValidationError({"plan": _("The action plan belongs to another region.")})
    if allocation is not None and allocation.funds.region_id != region.pk:
        raise ValidationError({"allocation": _("The funds belong to another region.")})


@transaction.atomic
def create_assignment(region, *, actor, goals=(), submission=None, **fields) -> Assignment:
    """A draft assignment document, once per `submission` (core.submissions)."""
    require(actor, "assignments.manage_assignments", region)
    once = submissions.claim(submission, actor=actor)
    values = {k: v for k, v in fields.items() if k in CONTENT_FIELDS}
    _check_links(region, values)
    assignment = Assignment.objects.create(region=region, created_by=actor, **values)
    assignment.goals.set(goals)
    once.made(assignment)
    audit.record("assignment.created", assignment, actor=actor, title=assignment.title)
    return assignment


@transaction.atomic
def update_assignment(
    assignment, *, actor, expected_version: int, goals=None, **fields
) -> Assignment:
    """Save the text if nobody else has since `expected_version`; else ConcurrentEdit."""
    require(actor, "assignments.manage_assignments", assignment.region)
    _editable(assignment)
    values = {k: v for k, v in fields.items() if k in CONTENT_FIELDS}
    _check_links(assignment.region, values)
    save_if_unchanged(Assignment, assignment.pk, expected_version, **values)
    assignment.refresh_from_db()
    if goals is not None:
        assignment.goals.set(goals)
    audit.record("assignment.updated", assignment, actor=actor, fields=sorted(values))
    return assignment


def _add(model, assignment, actor, action, **fields):
    require(actor, "assignments.manage_assignments", assignment.region)
    _editable(assignment)
    row = model(assignment=assignment, **fields)
    row.full_clean()
    row.save()
    audit.record(action, assignment, actor=actor, added=str(row))
    return row


@transaction.atomic
def add_position(assignment, *, actor, title, extent, employer=None, note="") -> Position:
    return _add(
        Position,
        assignment,
        actor,
        "assignment.position_added",
        title=title,
        extent=extent,
        employer=employer,
        note=note,
    )


@transaction.atomic
def add_point(assignment, *, actor, kind, text) -> Point:
    order = assignment.points.filter(kind=kind).count()
    return _add(
        Point, assignment, actor, "assignment.point_added", kind=kind, text=text, order=order
    )


@transaction.atomic
def add_reporting_line(assignment, *, actor, to_whom, how_often, goals=()) -> ReportingLine:
    line = _add(
        ReportingLine,
        assignment,
        actor,
        "assignment.reporting_line_added",
        to_whom=to_whom,
        how_often=how_often,
    )
    line.goals.set(goals)
    return line


@transaction.atomic
def add_milestone(assignment, *, actor, text, season="", year=None, due_on=None) -> Milestone:
    if bool(season and year) == bool(due_on):
        raise ValidationError(_("Give either a season and a year, or a date."))
    return _add(
        Milestone,
        assignment,
        actor,
        "assignment.milestone_added",
        text=text,
        season=season,
        year=year,
        due_on=due_on,
    )


@transaction.atomic
def add_signatory(assignment, *, actor, name, organisation) -> Signatory:
    order = assignment.signatories.count()
    return _add(
        Signatory,
        assignment,
        actor,
        "assignment.signatory_added",
        name=name,
        organisation=organisation,
        order=order,
    )


@transaction.atomic
def remove_part(row, *, actor) -> None:
    """Remove a position, point, reporting line, milestone or signatory of a draft."""
    assignment = row.assignment
    require(actor, "assignments.manage_assignments", assignment.region)
    _editable(assignment)
    audit.record(
        "assignment.part_removed",
        assignment,
        actor=actor,
        removed=f"{row._meta.verbose_name}: {row}",
    )
    row.delete()


@transaction.atomic
def adopt_assignment(
    assignment, *, actor, adopted_by: str, adopted_on: datetime.date
) -> Assignment:
    """Record that `adopted_by` (the body, e.g. the steering group) adopted the assignment on
    `adopted_on`. From then on its content is a record: the document as adopted is kept
    (document.py) and a later allocation of its funds does not change it."""
    require(actor, "assignments.follow_up_assignments", assignment.region)
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.status == AssignmentStatus.ADOPTED:
        raise ValidationError(_("The assignment is already adopted."))
    missing = []
    if not locked.signatories.exists():
        missing.append(_("a signatory"))
    if not locked.milestones.exists():
        missing.append(_("a timeline"))
    if missing:
        raise ValidationError(
            _("An assignment needs %(missing)s before it is adopted.")
            % {"missing": _(" and ").join(missing)}
        )
    if not adopted_by.strip():
        raise ValidationError({"adopted_by": _("Name the body that adopted it.")})
    locked.status, locked.adopted_by, locked.adopted_on = (
        AssignmentStatus.ADOPTED,
        adopted_by,
        adopted_on,
    )
    locked.save(update_fields=["status", "adopted_by", "adopted_on", "updated_at"])
    # The document as adopted is the record: its PDF, Word file and page are made from it.
    record = adopted_record(locked)
    for name, value in record.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(record))
    audit.record(
        "assignment.adopted", locked, actor=actor, adopted_by=adopted_by, adopted_on=adopted_on
    )
    return locked


@transaction.atomic
def complete_milestone(milestone, *, actor, done_on: datetime.date) -> Milestone:
    """Follow up: the milestone was reached on `done_on`."""
    require(actor, "assignments.follow_up_assignments", milestone.assignment.region)
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit.record(
        "assignment.milestone_done",
        milestone.assignment,
        actor=actor,
        milestone=str(milestone),
        done_on=done_on,
    )
    return milestone
