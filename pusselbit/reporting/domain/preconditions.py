"""The preconditions for next year's funds under an agreement: added, reworded, removed, and
the county coordinator's check of who meets each (reporting.preconditions makes the table of
who meets them all)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require
from pusselbit.core.submissions import claim

from ..models import Precondition, PreconditionCheck, Requirement


def _text(text: str, siblings) -> str:
    """The precondition's text, on one line of at most 300 characters, and not one the
    agreement has already (`siblings`: its other preconditions, locked by the caller)."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write the precondition.")})
    if len(text) > 300:
        raise ValidationError({"text": _("Keep the precondition to 300 characters.")})
    if any(p.text.casefold() == text.casefold() for p in siblings):
        raise ValidationError({"text": _("This agreement already has that precondition.")})
    return text


def _siblings(region, agreement):
    # Locked, so two additions of the same text at once cannot both pass the check.
    return list(Precondition.objects.select_for_update().filter(region=region, agreement=agreement))


@transaction.atomic
def add_precondition(actor, region, agreement, text, requirement=None) -> Precondition:
    """A new precondition for next year's funds under `agreement`, last in the list. With a
    `requirement` (a report of the same agreement and region, e.g. the partial report), the
    precondition is met by submitting that report, not checked by hand.
    Side effects: the audit entry reporting.precondition_added."""
    require(actor, "reporting.manage_reporting", region)
    if requirement is not None and (
        requirement.region_id != region.pk or requirement.agreement_id != agreement.pk
    ):
        raise ValidationError(
            {"requirement": _("Choose a report of this agreement in the region.")}
        )
    existing = _siblings(region, agreement)
    text = _text(text, existing)
    order = max((p.order for p in existing), default=-1) + 1
    precondition = Precondition.objects.create(
        region=region, agreement=agreement, text=text, order=order, requirement=requirement
    )
    audit.record(
        "reporting.precondition_added",
        precondition,
        actor=actor,
        agreement=agreement.pk,
        text=text,
        requirement=requirement.pk if requirement is not None else None,
    )
    return precondition


@transaction.atomic
def change_precondition(actor, precondition, *, text: str, order: int) -> Precondition:
    """Reword a precondition or move it in the list (its agreement and region stay).
    Side effects: the audit entry reporting.precondition_changed with the old and new text."""
    require(actor, "reporting.manage_reporting", precondition.region)
    siblings = _siblings(precondition.region_id, precondition.agreement_id)
    locked = next(p for p in siblings if p.pk == precondition.pk)
    text = _text(text, [p for p in siblings if p.pk != locked.pk])
    before = {"text": locked.text, "order": locked.order}
    locked.text, locked.order = text, order
    locked.save(update_fields=["text", "order"])
    audit.record(
        "reporting.precondition_changed",
        locked,
        actor=actor,
        before=before,
        after={"text": text, "order": order},
    )
    return locked


@transaction.atomic
def remove_precondition(actor, precondition) -> None:
    """Remove a precondition added by mistake — only while no recipient has been checked
    against it, as the checks are what next year's funds rest on. Side effects: the audit
    entry reporting.precondition_removed."""
    require(actor, "reporting.manage_reporting", precondition.region)
    ensure_removable(precondition)
    audit.record(
        "reporting.precondition_removed",
        precondition.region,
        actor=actor,
        precondition=precondition.pk,
        agreement=precondition.agreement_id,
        text=precondition.text,
    )
    precondition.delete()


def record_precondition_check(precondition, recipient, *, actor, met: bool, note: str = ""):
    """Record whether `recipient` meets `precondition`; a second check replaces the first."""
    return record_precondition_checks(precondition, [recipient], actor=actor, met=met, note=note)[0]


@transaction.atomic
def record_precondition_checks(
    precondition, recipients, *, actor, met: bool, note: str = "", submission=None
) -> list:
    """Record whether each of `recipients` meets `precondition`, all or none (one form on the
    page marks many at once); a later check replaces an earlier one. A precondition that a
    report's submission meets is not checked by hand. `submission` is the form's key: the same
    form sent twice is told so (AlreadySubmitted) and writes nothing more. Side effects: one
    audit entry reporting.precondition_checked per recipient."""
    require(actor, "reporting.manage_reporting", precondition.region)
    if precondition.requirement_id is not None:
        raise ValidationError(
            _("“%(precondition)s” is met by submitting the report, not checked by hand.")
            % {"precondition": precondition.text}
        )
    recipients = list(recipients)
    if not recipients:
        raise ValidationError({"recipients": _("Choose at least one recipient.")})
    receiving = set(
        Requirement.objects.filter(
            region_id=precondition.region_id, agreement_id=precondition.agreement_id
        ).values_list("recipients", flat=True)
    )
    outside = [r for r in recipients if r.pk not in receiving]
    if outside:
        raise ValidationError(
            _("%(recipient)s receives no funds under this agreement.")
            % {"recipient": ", ".join(str(r) for r in outside)}
        )
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note to 300 characters.")})
    claim(submission, actor=actor)
    checks = []
    for recipient in recipients:
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
        checks.append(check)
    return checks
