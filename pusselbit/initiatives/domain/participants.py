from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require

from ..models import Participant


@transaction.atomic
def add_participant(
    initiative,
    organisation,
    *,
    actor,
    operation_area=None,
    contact_name="",
    contact_email="",
    check_permission=True,
) -> Participant:
    """Add an organisation (and its operation area) to the initiative. Adding one that takes
    part already is a no-op. Side effects: the participant row and an audit entry."""
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
    existing = initiative.participants.filter(
        organisation=organisation, operation_area=operation_area
    ).first()
    if existing:
        return existing
    participant = Participant.objects.create(
        initiative=initiative,
        organisation=organisation,
        operation_area=operation_area,
        contact_name=contact_name,
        contact_email=contact_email,
        added_by=actor,
    )
    audit.record(
        "initiative.participant_added",
        initiative,
        actor=actor,
        participant=str(participant),
        kind=str(participant.kind.label),
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
