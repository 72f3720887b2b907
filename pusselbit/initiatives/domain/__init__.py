"""Every write to initiatives goes through these functions; each takes the acting user as
`actor`, runs in one transaction and writes the audit entry the history page shows."""

from .advice import give_advice, record_reason_to_proceed
from .assessment import (
    assess_criteria,
    assess_criterion,
    record_preparation,
    record_preparation_step,
)
from .comments import post_comment
from .decisions import correct_decision, decides_extent, record_decision, record_recommendation
from .ideas import create_initiative, set_registration_number, update_idea
from .participants import (
    add_participant,
    change_participant,
    remove_participant,
    save_participants,
)
from .proposal import (
    add_budget_line,
    add_effect_measure,
    change_budget_line,
    change_effect_measure,
    remove_budget_line,
    remove_effect_measure,
    save_proposal,
    update_proposal,
)
from .workflows import connect_new_stage, stage_removal_blockers

__all__ = [
    "add_budget_line",
    "add_effect_measure",
    "add_participant",
    "assess_criteria",
    "assess_criterion",
    "change_budget_line",
    "change_effect_measure",
    "change_participant",
    "connect_new_stage",
    "correct_decision",
    "create_initiative",
    "give_advice",
    "post_comment",
    "record_decision",
    "decides_extent",
    "record_preparation",
    "record_preparation_step",
    "record_reason_to_proceed",
    "record_recommendation",
    "remove_budget_line",
    "remove_effect_measure",
    "remove_participant",
    "save_participants",
    "save_proposal",
    "set_registration_number",
    "stage_removal_blockers",
    "update_idea",
    "update_proposal",
]
