"""A recipient's report: drafts saved any number of times, submitted once (then locked and
registered), corrected by a new version that keeps the old."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.concurrency import save_if_unchanged
from pusselbit.core.permissions import require

from ..enums import AnswerType, ReportStatus
from ..models import Answer, Question, Report


class ReportLocked(ValidationError):
    """A submitted report is a record; a correction is a new version."""


def current_report(requirement, recipient) -> Report | None:
    return (
        Report.objects.filter(requirement=requirement, recipient=recipient)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def start_report(requirement, recipient, *, actor) -> Report:
    """The recipient's current report, or a new draft."""
    require(actor, "reporting.report", requirement.region)
    if not requirement.recipients.filter(pk=recipient.pk).exists():
        raise ValidationError(
            _("%(recipient)s does not report on this requirement.") % {"recipient": recipient}
        )
    report = current_report(requirement, recipient)
    if report is None:
        try:
            # Two people opening the form at the same moment: the unique version makes the
            # second wait for the first and then take its report.
            with transaction.atomic():
                report = Report.objects.create(requirement=requirement, recipient=recipient)
        except IntegrityError:
            return current_report(requirement, recipient)
        audit.record("reporting.report_started", report, actor=actor)
    return report


def _value(question: Question, raw):
    """(field, value) for an answer, or a ValidationError naming the question."""
    if raw in (None, ""):
        return {}
    if question.answer_type in (AnswerType.NUMBER, AnswerType.AMOUNT):
        if isinstance(raw, str):
            raw = raw.replace("\xa0", "").replace(" ", "").removesuffix("kr").replace(",", ".")
        try:
            number = Decimal(raw)
        except (InvalidOperation, TypeError) as error:
            raise ValidationError({question.code: _("Write a number.")}) from error
        if not number.is_finite():
            raise ValidationError({question.code: _("Write a number.")})
        return {"number": number}
    if question.answer_type == AnswerType.YES_NO:
        if raw in (True, "yes", "ja", "1", "True"):
            return {"yes": True}
        if raw in (False, "no", "nej", "0", "False"):
            return {"yes": False}
        raise ValidationError({question.code: _("Answer yes or no.")})
    if question.answer_type == AnswerType.CHOICE and raw not in question.choices:
        raise ValidationError({question.code: _("Choose one of the choices.")})
    return {"text": str(raw)}


@transaction.atomic
def save_answers(report, answers: dict, *, actor, expected_version: int | None = None) -> Report:
    """Save a draft: `answers` maps question code → raw value. Refused once submitted, and with
    ConcurrentEdit when someone else saved since `expected_version` (nothing is overwritten;
    without one, the save follows whatever is stored)."""
    require(actor, "reporting.report", report.requirement.region)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status == ReportStatus.SUBMITTED:
        raise ReportLocked(
            _("The report is submitted and can no longer be changed; make a correction instead.")
        )
    # Checked and bumped first; answers that fail below roll the bump back with the rest.
    seen = locked.edit_version if expected_version is None else expected_version
    save_if_unchanged(Report, locked.pk, seen, version_field="edit_version")
    questions = {
        q.code: q
        for q in Question.objects.filter(section__question_set=locked.requirement.question_set)
    }
    errors, values = {}, {}
    for code, raw in answers.items():
        if code not in questions:
            continue
        try:
            values[code] = _value(questions[code], raw)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    for code, value in values.items():
        Answer.objects.update_or_create(
            report=locked,
            question=questions[code],
            defaults={"text": "", "number": None, "yes": None, **value},
        )
    locked.refresh_from_db()
    audit.record("reporting.answers_saved", locked, actor=actor, answers=len(values))
    return locked


def missing_required(report) -> list[Question]:
    answered = {a.question_id for a in report.answers.all() if a.display != ""}
    return [
        q
        for q in Question.objects.filter(
            section__question_set=report.requirement.question_set, required=True
        ).order_by("section__order", "order")
        if q.pk not in answered
    ]


@transaction.atomic
def submit_report(report, *, actor, registration_number: str = "") -> Report:
    """Submit: every required question answered; then locked and registered with the date and a
    registration number (given, or made from the region code, year and report id)."""
    require(actor, "reporting.report", report.requirement.region)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status == ReportStatus.SUBMITTED:
        raise ReportLocked(_("The report is already submitted."))
    missing = missing_required(locked)
    if missing:
        raise ValidationError(
            {
                q.code: _("This question must be answered before the report is submitted.")
                for q in missing
            }
        )
    now = timezone.now()
    locked.status, locked.submitted_at, locked.submitted_by = ReportStatus.SUBMITTED, now, actor
    locked.registration_number = registration_number.strip() or (
        f"{locked.requirement.region.code}-{now.year}/R{locked.pk}"
    )
    locked.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "registration_number",
            "updated_at",
        ]
    )
    audit.record(
        "reporting.report_submitted",
        locked,
        actor=actor,
        registration_number=locked.registration_number,
    )
    return locked


@transaction.atomic
def save_report(
    requirement, recipient, answers: dict, *, actor, expected_version=None, submit=False
) -> Report:
    """The report form sent: the recipient's report started if it has none, `answers` saved
    and, with `submit`, the report submitted — in one transaction, so a refused submission (a
    required question unanswered, the report submitted meanwhile) saves none of the answers
    either and the form is shown again as it was sent. Side effects: those of start_report,
    save_answers and submit_report."""
    report = start_report(requirement, recipient, actor=actor)
    report = save_answers(report, answers, actor=actor, expected_version=expected_version)
    if submit:
        report = submit_report(report, actor=actor)
    return report


@transaction.atomic
def correct_report(report, *, actor) -> Report:
    """A new draft version with the submitted answers copied; the submitted one is kept."""
    require(actor, "reporting.report", report.requirement.region)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report is corrected; a draft is just edited."))
    # Two corrections sent at once (a double click): the second waits here, then sees the first.
    report = Report.objects.select_for_update().get(pk=report.pk)
    if Report.objects.filter(replaces=report).exists():
        raise ValidationError(_("This version has already been corrected."))
    correction = Report.objects.create(
        requirement=report.requirement,
        recipient=report.recipient,
        version=report.version + 1,
        replaces=report,
    )
    Answer.objects.bulk_create(
        Answer(report=correction, question=a.question, text=a.text, number=a.number, yes=a.yes)
        for a in report.answers.all()
    )
    audit.record(
        "reporting.report_corrected", correction, actor=actor, replaces=report.registration_number
    )
    return correction
