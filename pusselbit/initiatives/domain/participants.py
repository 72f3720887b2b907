from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require
from pusselbit.core.rows import RowChange, RowsRefused, apply_rows
from pusselbit.organisations.domain import add_operation_area

from ..models import Participant
from ..search import index as search_index


@transaction.atomic
def add_participant(
    initiative,
    organisation,
    *,
    actor,
    operation_area=None,
    new_operation_area: str = "",
    contact_name="",
    contact_email="",
    check_permission=True,
) -> Participant:
    """Add an organisation (and its operation area) to the initiative. `new_operation_area`
    names an operation area the organisation does not have yet: it is added with the
    participant, or neither is (a refused participant leaves no orphan area behind). Adding
    one that takes part already (the same organisation and operation area) is refused: its
    contact is changed with `change_participant`. Side effects: the participant row and an
    audit entry, and the operation area's (organisations' add_operation_area)."""
    if check_permission:
        require(actor, "initiatives.manage_participants", initiative)
    if not organisation.serves_region(initiative.region):
        raise ValidationError(
            {
                "organisation": _("%(organisation)s does not act in %(region)s.")
                % {"organisation": organisation, "region": initiative.region}
            }
        )
    if operation_area is not None and operation_area.organisation_id != organisation.pk:
        raise ValidationError(
            {"operation_area": _("The operation area belongs to another organisation.")}
        )
    if new_operation_area:
        operation_area = _new_area(organisation, operation_area, new_operation_area, actor=actor)
    _refuse_duplicate(initiative, organisation, operation_area)
    participant = Participant.objects.create(
        initiative=initiative,
        organisation=organisation,
        operation_area=operation_area,
        contact_name=contact_name,
        contact_email=contact_email,
        added_by=actor,
    )
    search_index.refresh(initiative)
    audit.record(
        "initiative.participant_added",
        initiative,
        actor=actor,
        participant=str(participant),
        kind=str(participant.kind.label),
    )
    return participant


def _new_area(organisation, chosen, name: str, *, actor):
    """The operation area named `name`, added to `organisation`; its refusal shown next to the
    field that named it."""
    if chosen is not None:
        raise ValidationError(
            {"new_operation_area": _("Choose an operation area or name a new one, not both.")}
        )
    try:
        return add_operation_area(organisation, name, actor=actor)
    except ValidationError as error:
        raise ValidationError({"new_operation_area": error.messages}) from error


def _refuse_duplicate(initiative, organisation, operation_area, *, exclude=None) -> None:
    others = initiative.participants.filter(
        organisation=organisation, operation_area=operation_area
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    existing = others.first()
    if existing is None:
        return
    field = "operation_area" if operation_area is not None else "organisation"
    raise ValidationError(
        {
            field: _(
                "%(participant)s takes part already. Change its contact person or operation "
                "area in its own row of the participants."
            )
            % {"participant": existing}
        }
    )


@transaction.atomic
def change_participant(
    participant,
    *,
    actor,
    operation_area=None,
    new_operation_area: str = "",
    contact_name="",
    contact_email="",
) -> Participant:
    """Change a participant's operation area and contact (e.g. give an actor named at a
    coordination group meeting its contact person later). The organisation stays: another
    organisation is another participant. `new_operation_area` names a new operation area of
    the organisation to move it to, added only if the change is saved. Side effects: the row
    and an "initiative.participant_changed" audit entry with the old and new values, and the
    new operation area's; nothing when nothing changed."""
    initiative = participant.initiative
    require(actor, "initiatives.manage_participants", initiative)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    organisation = participant.organisation
    if operation_area is not None and operation_area.organisation_id != organisation.pk:
        raise ValidationError(
            {"operation_area": _("The operation area belongs to another organisation.")}
        )
    if new_operation_area:
        operation_area = _new_area(organisation, operation_area, new_operation_area, actor=actor)
    _refuse_duplicate(initiative, organisation, operation_area, exclude=participant)
    before = {
        "operation_area": str(participant.operation_area or ""),
        "contact_name": participant.contact_name,
        "contact_email": participant.contact_email,
    }
    participant.operation_area = operation_area
    participant.contact_name = contact_name
    participant.contact_email = contact_email
    after = {
        "operation_area": str(operation_area or ""),
        "contact_name": contact_name,
        "contact_email": contact_email,
    }
    changed = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
    if changed:
        participant.save(update_fields=["operation_area", "contact_name", "contact_email"])
        audit.record(
            "initiative.participant_changed",
            initiative,
            actor=actor,
            participant=str(participant),
            changed=changed,
        )
    return participant


@transaction.atomic
def remove_participant(participant, *, actor) -> None:
    initiative = participant.initiative
    require(actor, "initiatives.manage_participants", initiative)
    audit.record(
        "initiative.participant_removed", initiative, actor=actor, participant=str(participant)
    )
    participant.delete()
    search_index.refresh(initiative)


@transaction.atomic
def save_participants(initiative, changes: list[RowChange], *, actor) -> None:
    """The participants page's rows, saved with one press: participants removed, changed (their
    operation area and contact) and added, in that order. Side effects: each row's, as
    remove_participant, change_participant and add_participant describe them; nothing at all
    when any row is refused (RowsRefused, with every refused row's reason)."""
    require(actor, "initiatives.manage_participants", initiative)
    if any(c.row is not None and c.row.initiative_id != initiative.pk for c in changes):
        raise ValueError("A participant of another initiative.")

    def add(organisation, **fields):
        return add_participant(initiative, organisation, actor=actor, **fields)

    refusals = apply_rows(
        changes,
        add=add,
        change=partial(change_participant, actor=actor),
        remove=partial(remove_participant, actor=actor),
    )
    if refusals:
        raise RowsRefused(refusals)
