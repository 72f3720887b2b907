from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.concurrency import save_if_unchanged
from pusselbit.core.permissions import require

from ..models import BudgetLine, EffectMeasure, Proposal

PROPOSAL_FIELDS = [
    "background",
    "purpose",
    "goals",
    "programme_logic",
    "evidence_basis",
    "evidence_references",
    "evaluation_plan",
    "reporting_plan",
    "implementation_plan",
    "economic_effects",
    "no_running_costs",
]


def proposal_of(initiative) -> Proposal:
    proposal, _created = Proposal.objects.get_or_create(initiative=initiative)
    return proposal


@transaction.atomic
def update_proposal(initiative, *, actor, expected_version: int, **fields) -> Proposal:
    """Save the proposal's text if nobody else has saved it since `expected_version` was read;
    otherwise raise ConcurrentEdit and write nothing, so the first save is not lost."""
    require(actor, "initiatives.change_proposal", initiative)
    proposal = proposal_of(initiative)
    values = {k: v for k, v in fields.items() if k in PROPOSAL_FIELDS}
    save_if_unchanged(Proposal, proposal.pk, expected_version, updated_by=actor, **values)
    proposal.refresh_from_db()
    audit.record("initiative.proposal_updated", initiative, actor=actor, fields=sorted(values))
    return proposal


@transaction.atomic
def add_effect_measure(initiative, *, actor, **fields) -> EffectMeasure:
    require(actor, "initiatives.change_proposal", initiative)
    measure = EffectMeasure(proposal=proposal_of(initiative), **fields)
    measure.full_clean()
    measure.save()
    audit.record("initiative.measure_added", initiative, actor=actor, measure=measure.name)
    return measure


@transaction.atomic
def remove_effect_measure(measure: EffectMeasure, *, actor) -> None:
    """Remove a measure nobody has reported a value for; reported values are kept."""
    initiative = measure.proposal.initiative
    require(actor, "initiatives.change_proposal", initiative)
    if measure.values.exists():
        raise ValidationError(
            _("%(measure)s has reported values and cannot be removed.") % {"measure": measure.name}
        )
    audit.record("initiative.measure_removed", initiative, actor=actor, measure=measure.name)
    measure.delete()


@transaction.atomic
def add_budget_line(initiative, *, actor, **fields) -> BudgetLine:
    """Add a budget line. A line of ordinary running costs paid by stimulus funds is refused
    (the model's clean and a database constraint both say so)."""
    require(actor, "initiatives.change_proposal", initiative)
    line = BudgetLine(proposal=proposal_of(initiative), **fields)
    line.full_clean()
    line.save()
    audit.record(
        "initiative.budget_line_added",
        initiative,
        actor=actor,
        year=line.year,
        category=line.category,
        amount=line.amount,
        funding=line.funding,
    )
    return line


@transaction.atomic
def remove_budget_line(line: BudgetLine, *, actor) -> None:
    initiative = line.proposal.initiative
    require(actor, "initiatives.change_proposal", initiative)
    audit.record(
        "initiative.budget_line_removed",
        initiative,
        actor=actor,
        year=line.year,
        category=line.category,
        amount=line.amount,
    )
    line.delete()
