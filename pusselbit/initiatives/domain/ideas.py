from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.concurrency import save_if_unchanged
from pusselbit.core.permissions import require
from pusselbit.core.validators import require_one_line

from ..models import Initiative, Workflow
from ..search import index as search_index
from ..workflows.engine import install_workflow, start_stage

IDEA_FIELDS = [
    "title",
    "problem",
    "idea",
    "target_groups",
    "involved",
    "expected_results",
    "rough_budget",
    "contact_name",
    "contact_email",
    "contact_phone",
]


def workflow_for(region) -> Workflow:
    return Workflow.objects.filter(region=region).first() or install_workflow(region)


@transaction.atomic
def create_initiative(
    region, *, actor, organisation, priority_areas=(), directions=(), submission=None, **fields
):
    """Start a new idea in the first stage of the region's workflow, owned by `actor`; once per
    `submission` (core.submissions). Side effects: the initiative, its idea fields, an audit
    entry."""
    require(actor, "initiatives.create_initiative", region)
    once = submissions.claim(submission, actor=actor)
    require_one_line(Initiative, {k: v for k, v in fields.items() if k in IDEA_FIELDS})
    if not organisation.serves_region(region):
        raise ValidationError({"organisation": _("The organisation does not act in this region.")})
    workflow = workflow_for(region)
    initiative = Initiative.objects.create(
        region=region,
        workflow=workflow,
        stage=start_stage(workflow),
        owner=actor,
        organisation=organisation,
        **{k: v for k, v in fields.items() if k in IDEA_FIELDS},
    )
    initiative.priority_areas.set(priority_areas)
    initiative.directions.set(directions)
    once.made(initiative)
    search_index.refresh(initiative)
    audit.record("initiative.created", initiative, actor=actor, title=initiative.title)
    return initiative


@transaction.atomic
def update_idea(
    initiative, *, actor, expected_version: int, priority_areas=None, directions=None, **fields
) -> Initiative:
    """Save the idea template if nobody else has saved it since `expected_version` was read.
    Raises ConcurrentEdit otherwise, and writes nothing."""
    require(actor, "initiatives.change_idea", initiative)
    values = {k: v for k, v in fields.items() if k in IDEA_FIELDS}
    require_one_line(Initiative, values)
    save_if_unchanged(Initiative, initiative.pk, expected_version, **values)
    initiative.refresh_from_db()
    if priority_areas is not None:
        initiative.priority_areas.set(priority_areas)
    if directions is not None:
        initiative.directions.set(directions)
    search_index.refresh(initiative)
    audit.record("initiative.idea_updated", initiative, actor=actor, fields=sorted(values))
    return initiative


@transaction.atomic
def set_registration_number(initiative, number: str, *, actor) -> None:
    require(actor, "initiatives.set_registration_number", initiative)
    require_one_line(Initiative, {"registration_number": number.strip()})
    initiative.registration_number = number.strip()
    initiative.save(update_fields=["registration_number", "updated_at"])
    search_index.refresh(initiative)
    audit.record("initiative.registered", initiative, actor=actor, number=number)
