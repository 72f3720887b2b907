from django.db import transaction

from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require

from ..models import Requisition


@transaction.atomic
def record_requisition(
    agreement,
    region,
    *,
    actor,
    requisitioned_by,
    requisitioned_from,
    amount,
    requisitioned_on,
    directions=(),
    on_behalf_of=(),
    registration_number="",
    note="",
    submission=None,
) -> Requisition:
    """Record who requisitioned which directions' funds, from whom, when and for whom. With a
    form's `submission` key it is recorded once however often the form is sent
    (core.submissions.AlreadySubmitted for the others)."""
    require(actor, "funds.manage_funds", region)
    once = submissions.claim(submission, actor=actor)
    requisition = Requisition.objects.create(
        agreement=agreement,
        region=region,
        requisitioned_by=requisitioned_by,
        requisitioned_from=requisitioned_from,
        amount=amount,
        requisitioned_on=requisitioned_on,
        registration_number=registration_number,
        note=note,
        recorded_by=actor,
    )
    requisition.directions.set(directions)
    requisition.on_behalf_of.set(on_behalf_of)
    once.made(requisition)
    audit.record(
        "funds.requisitioned",
        requisition,
        actor=actor,
        amount=amount,
        payee=requisitioned_by.name,
        source=requisitioned_from,
    )
    return requisition
