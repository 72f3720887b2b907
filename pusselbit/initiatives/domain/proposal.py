from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.concurrency import save_if_unchanged
from pusselbit.core.permissions import require
from pusselbit.core.rows import RowChange, RowsRefused, apply_rows

from ..models import BudgetLine, EffectMeasure, Proposal
from ..search import index as search_index

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
    search_index.refresh(initiative)
    audit.record("initiative.proposal_updated", initiative, actor=actor, fields=sorted(values))
    return proposal


@transaction.atomic
def save_proposal(
    initiative,
    *,
    actor,
    expected_version: int,
    texts: dict,
    measures: list[RowChange] = (),
    budget_lines: list[RowChange] = (),
) -> Proposal:
    """The proposal's texts, its effect measures and its budget lines, saved together as the
    proposal page sends them: all of it, or nothing. Side effects: those of update_proposal and,
    for each row, of add_/change_/remove_effect_measure and add_/change_/remove_budget_line (a
    row and an audit entry each). Nothing is saved when someone else saved the proposal since
    `expected_version` (ConcurrentEdit) or when any row is refused (RowsRefused, with every
    refused row's reason)."""
    proposal = update_proposal(initiative, actor=actor, expected_version=expected_version, **texts)
    for change in [*measures, *budget_lines]:
        if change.row is not None and change.row.proposal_id != proposal.pk:
            raise ValueError("A row of another proposal.")
    refusals = apply_rows(
        measures,
        add=partial(add_effect_measure, initiative, actor=actor),
        change=partial(change_effect_measure, actor=actor),
        remove=partial(remove_effect_measure, actor=actor),
    )
    refusals |= apply_rows(
        budget_lines,
        add=partial(add_budget_line, initiative, actor=actor),
        change=partial(change_budget_line, actor=actor),
        remove=partial(remove_budget_line, actor=actor),
    )
    if refusals:
        raise RowsRefused(refusals)
    return proposal


def _change_row(model, row, fields: dict, action: str, *, actor, **described):
    """Give the proposal's `row` the `fields` (checked by the model), and record `action` on
    the initiative with the old and new value of each changed field; nothing when nothing
    changed. `described` names the row in the entry, from the row as it was."""
    initiative = row.proposal.initiative
    require(actor, "initiatives.change_proposal", initiative)
    locked = model.objects.select_for_update().get(pk=row.pk)
    before = {name: getattr(locked, name) for name in fields}
    names = {key: getattr(locked, name) for key, name in described.items()}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    changed = {
        name: [before[name], value] for name, value in fields.items() if before[name] != value
    }
    if changed:
        locked.save(update_fields=list(changed))
        if model is EffectMeasure:
            search_index.refresh(initiative)
        audit.record(action, initiative, actor=actor, changed=changed, **names)
    return locked


@transaction.atomic
def change_effect_measure(measure: EffectMeasure, *, actor, **fields) -> EffectMeasure:
    """Change a measure's name, target group, baseline, target, unit, method or frequency.
    Values reported for it stay with it. Side effects: the row and an
    "initiative.measure_changed" audit entry with the old and new values."""
    return _change_row(
        EffectMeasure, measure, fields, "initiative.measure_changed", actor=actor, measure="name"
    )


@transaction.atomic
def add_effect_measure(initiative, *, actor, **fields) -> EffectMeasure:
    require(actor, "initiatives.change_proposal", initiative)
    measure = EffectMeasure(proposal=proposal_of(initiative), **fields)
    measure.full_clean()
    measure.save()
    search_index.refresh(initiative)
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
    search_index.refresh(initiative)


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
def change_budget_line(line: BudgetLine, *, actor, **fields) -> BudgetLine:
    """Change a budget line's year, category, amount or funding; stimulus funds for ordinary
    running costs are refused as when adding. Side effects: the row and an
    "initiative.budget_line_changed" audit entry with the old and new values."""
    return _change_row(
        BudgetLine,
        line,
        fields,
        "initiative.budget_line_changed",
        actor=actor,
        category="category",
        year="year",
    )


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
