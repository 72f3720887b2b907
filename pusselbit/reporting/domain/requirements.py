"""Setting up what the agreement year asks for: the county coordinator's reporting requirements
(who reports what, by when, and when they are reminded) and the preconditions for next year's
funds."""

import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.permissions import require
from pusselbit.organisations.enums import OrganisationKind

from ..enums import RequirementKind
from ..models import Compilation, Report, Requirement
from .compilations import delete_compilations

# Who reports on a requirement: the region itself, its municipalities and their associations.
REPORTING_KINDS = [
    OrganisationKind.REGION,
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.ASSOCIATION,
]
FIELDS = [
    "agreement",
    "kind",
    "deadline",
    "question_set",
    "recipients",
    "remind_days_before",
    "precondition_for_next_year",
]
# Fixed once a report exists: the reports answer this question set under this agreement.
LOCKED_BY_REPORTS = ["agreement", "question_set"]
MAX_REMINDER_DAYS = 365


def locked_reason() -> str:
    """Why the agreement and question set of a requirement with reports cannot change."""
    return _("Reports have been started on this requirement, so this can no longer be changed.")


def reportable_organisations(region):
    """The organisations of `region` that may be asked to report."""
    return region.organisations.filter(kind__in=REPORTING_KINDS)


def parse_reminder_days(value) -> list[int]:
    """ "30, 7, 1" (or [30, 7, 1]) → [30, 7, 1]: distinct whole days before the deadline,
    largest first. A ValidationError says what is wrong with what was written."""
    if isinstance(value, str):
        parts = [part for part in re.split(r"[\s,;]+", value.strip()) if part]
    else:
        parts = list(value or [])
    days = set()
    for part in parts:
        try:
            day = int(part) if isinstance(part, str) else part
        except ValueError:
            day = None
        if isinstance(day, bool) or not isinstance(day, int):
            raise ValidationError(
                _(
                    "“%(value)s” is not a whole number of days. Write days before the deadline "
                    "separated by commas, e.g. 30, 7, 1."
                )
                % {"value": part},
                code="invalid",
            )
        if not 1 <= day <= MAX_REMINDER_DAYS:
            raise ValidationError(
                _("Each reminder must be between 1 and %(max)d days before the deadline.")
                % {"max": MAX_REMINDER_DAYS},
                code="out_of_range",
            )
        days.add(day)
    return sorted(days, reverse=True)


def requirement_version(requirement) -> str:
    """A fingerprint of the requirement's editable values as stored. The edit page carries the
    one it was opened with, so a save over someone else's change is refused."""
    state = _audit_values(_current_values(requirement))
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:32]


def _clean(region, fields: dict, *, current=None) -> dict:
    """The fields, checked and normalised; a ValidationError keyed by field otherwise."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown requirement fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    errors: dict[str, list[str]] = {}
    for name in ("agreement", "kind", "deadline", "question_set"):
        if not values.get(name):
            errors.setdefault(name, []).append(_("This field is required."))
    if values.get("kind") and values["kind"] not in RequirementKind.values:
        errors.setdefault("kind", []).append(_("Choose a partial or a final report."))
    question_set, agreement = values.get("question_set"), values.get("agreement")
    kept = current is not None and question_set == current.question_set
    if question_set and question_set.region_id not in (None, region.pk) and not kept:
        errors.setdefault("question_set", []).append(
            _("This question set is another region's own; choose a national one or your own.")
        )
    if question_set and agreement and question_set.agreement_id not in (None, agreement.pk):
        errors.setdefault("question_set", []).append(
            _("This question set belongs to %(agreement)s.") % {"agreement": question_set.agreement}
        )
    try:
        values["remind_days_before"] = parse_reminder_days(values.get("remind_days_before"))
    except ValidationError as error:
        errors.setdefault("remind_days_before", []).extend(error.messages)
    values["precondition_for_next_year"] = bool(values.get("precondition_for_next_year"))
    recipients = list(values.get("recipients") or [])
    already = set(current.recipients.values_list("pk", flat=True)) if current else set()
    allowed = set(reportable_organisations(region).values_list("pk", flat=True)) | already
    strangers = [o for o in recipients if o.pk not in allowed]
    if not recipients:
        errors.setdefault("recipients", []).append(_("Choose at least one recipient."))
    elif strangers:
        errors.setdefault("recipients", []).append(
            _("%(names)s cannot report on a requirement of %(region)s.")
            % {"names": ", ".join(o.name for o in strangers), "region": region.name}
        )
    values["recipients"] = recipients
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_requirement(actor, region, *, submission=None, **fields) -> Requirement:
    """A new requirement of `region` (fields: agreement, kind, deadline, question_set,
    recipients, remind_days_before as a list or "30, 7, 1", precondition_for_next_year), once
    per `submission` (core.submissions). Side effects: the audit entry
    reporting.requirement_created."""
    require(actor, "reporting.manage_reporting", region)
    once = submissions.claim(submission, actor=actor)
    values = _clean(region, fields)
    recipients = values.pop("recipients")
    requirement = Requirement.objects.create(region=region, **values)
    requirement.recipients.set(recipients)
    once.made(requirement)
    audit.record(
        "reporting.requirement_created",
        requirement,
        actor=actor,
        **_audit_values({**values, "recipients": recipients}),
    )
    return requirement


@transaction.atomic
def update_requirement(actor, requirement, expected_version, **fields) -> Requirement:
    """Change a requirement; `expected_version` is requirement_version() as the editor saw it,
    and a save over someone else's change since is refused with ConcurrentEdit (nothing is
    written; a fingerprint, not a version column, checked under the row lock). Once a report
    exists, the agreement and the question set stay as they are and a recipient with a report
    stays a recipient. When the deadline moves the reminders count down to the new date (their
    key holds the deadline, send_reminders). Side effects: the audit entry
    reporting.requirement_changed with the old and new values of what changed."""
    require(actor, "reporting.manage_reporting", requirement.region)
    locked = Requirement.objects.select_for_update().select_related("region").get(pk=requirement.pk)
    if expected_version is not None and requirement_version(locked) != expected_version:
        raise ConcurrentEdit(
            _(
                "Someone else changed this reporting requirement after you opened it; your "
                "changes were not saved."
            )
        )
    values = _clean(locked.region, {**_current_values(locked), **fields}, current=locked)
    before = _current_values(locked)
    reports = Report.objects.filter(requirement=locked)
    errors: dict[str, list[str]] = {}
    if reports.exists():
        for name in LOCKED_BY_REPORTS:
            if values[name] != before[name]:
                errors[name] = [locked_reason()]
        kept = {o.pk for o in values["recipients"]}
        removed = [o for o in before["recipients"] if o.pk not in kept]
        with_report = set(
            reports.filter(recipient__in=removed).values_list("recipient_id", flat=True)
        )
        names = [o.name for o in removed if o.pk in with_report]
        if names:
            errors["recipients"] = [
                _("%(names)s has a report on this requirement and cannot be removed.")
                % {"names": ", ".join(names)}
            ]
    if errors:
        raise ValidationError(errors)
    recipients = values.pop("recipients")
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(values))
    locked.recipients.set(recipients)
    after = {**values, "recipients": recipients}
    changed = [name for name in FIELDS if _audit_value(after[name]) != _audit_value(before[name])]
    audit.record(
        "reporting.requirement_changed",
        locked,
        actor=actor,
        changed={name: [_audit_value(before[name]), _audit_value(after[name])] for name in changed},
    )
    return locked


@transaction.atomic
def remove_requirement(actor, requirement) -> None:
    """Remove a requirement set up by mistake — only while no report has been started on it, as
    reports are records, and no compilation of it is published (a public record). Its reminder
    log and compilations go with it, the compilations' files from the storage once the removal
    is committed. Side effects: the audit entry reporting.requirement_removed with what it was."""
    require(actor, "reporting.manage_reporting", requirement.region)
    locked = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if Report.objects.filter(requirement=locked).exists():
        raise ValidationError(
            _("Reports have been started on this requirement, so it cannot be removed."),
            code="has_reports",
        )
    if Compilation.objects.filter(requirement=locked, published_at__isnull=False).exists():
        raise ValidationError(
            _("A compiled report of this requirement is published, so it cannot be removed."),
            code="published",
        )
    audit.record(
        "reporting.requirement_removed",
        locked,
        actor=actor,
        **_audit_values(_current_values(locked)),
    )
    delete_compilations(Compilation.objects.filter(requirement=locked))
    locked.delete()


def _current_values(requirement) -> dict:
    return {
        "agreement": requirement.agreement,
        "kind": requirement.kind,
        "deadline": requirement.deadline,
        "question_set": requirement.question_set,
        "recipients": sorted(requirement.recipients.all(), key=lambda o: o.pk),
        "remind_days_before": list(requirement.remind_days_before or []),
        "precondition_for_next_year": requirement.precondition_for_next_year,
    }


def _audit_value(value):
    """A value as the audit log's JSON holds it: a row by its key, a date in ISO form."""
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return (
            sorted(_audit_value(v) for v in value) if value and hasattr(value[0], "pk") else value
        )
    return value


def _audit_values(values: dict) -> dict:
    return {name: _audit_value(value) for name, value in values.items()}


NARRATIVE_MAX = 50_000


def narrative_version(requirement) -> str:
    """A digest of the county's report text as the editor saw it, to refuse a save over
    someone else's change since."""
    return hashlib.sha256((requirement.narrative or "").encode()).hexdigest()[:16]


@transaction.atomic
def write_narrative(actor, requirement, text: str, *, expected_version: str | None = None):
    """The development lead's own report text, which the compiled county report opens with
    (the Dalarna seed, 4.6). Saving the same text again changes nothing; a save over someone
    else's change since `expected_version` is refused. Side effects: the audit entry
    reporting.narrative_written with the length before and after."""
    require(actor, "reporting.manage_reporting", requirement.region)
    locked = Requirement.objects.select_for_update().select_related("region").get(pk=requirement.pk)
    if expected_version and narrative_version(locked) != expected_version:
        raise ConcurrentEdit(
            _(
                "Someone else changed the county's report text after you opened it; your text "
                "was not saved. Copy it, open the page again and add it there."
            )
        )
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > NARRATIVE_MAX:
        raise ValidationError(
            {"narrative": _("Keep the text to %(max)d characters.") % {"max": NARRATIVE_MAX}}
        )
    if text == locked.narrative:
        return locked
    before = len(locked.narrative)
    locked.narrative = text
    locked.save(update_fields=["narrative"])
    audit.record(
        "reporting.narrative_written",
        locked,
        actor=actor,
        characters_before=before,
        characters_after=len(text),
    )
    return locked
