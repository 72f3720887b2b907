"""Who may do what with an initiative (django-rules). Region scoping is done by the request's
region scope (pusselbit.core.scoping), so these predicates decide within the user's own
regions."""

import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member

from .enums import MeetingKind, StageKind


@rules.predicate
def is_owner(user, initiative) -> bool:
    return initiative is not None and initiative.owner_id == user.pk


@rules.predicate
def idea_open(user, initiative) -> bool:
    return initiative.stage.idea_editable


@rules.predicate
def proposal_open(user, initiative) -> bool:
    return initiative.stage.proposal_editable


@rules.predicate
def running(user, initiative) -> bool:
    return initiative.stage.running


@rules.predicate
def not_ended(user, initiative) -> bool:
    return initiative.stage.kind != StageKind.END


is_county_coordinator = has_role(Role.COUNTY_COORDINATOR)
is_local_coordinator = has_role(Role.LOCAL_COORDINATOR)
is_steering_group_member = has_role(Role.STEERING_GROUP_MEMBER)
is_finance_officer = has_role(Role.FINANCE_OFFICER)
is_regional_director = has_role(Role.REGIONAL_DIRECTOR)

# Everyone of the region reads its initiatives; the objects of other regions are 404s before
# any of this is asked.
rules.add_perm("initiatives.view_initiative", is_region_member)
rules.add_perm("initiatives.create_initiative", is_region_member)  # object: the region
rules.add_perm("initiatives.manage_meetings", has_role(Role.COUNTY_COORDINATOR))  # the region


@rules.predicate
def is_group_meeting(user, meeting) -> bool:
    return meeting.kind == MeetingKind.COORDINATION_GROUP


@rules.predicate
def is_invited(user, meeting) -> bool:
    return meeting.invitations.filter(user=user).exists()


is_group_member = has_role(Role.COORDINATION_GROUP_MEMBER)
# Object: the meeting. The coordination group's members name the actors at their own meeting
# and keep their own notes on it; whoever is invited keeps notes too.
rules.add_perm(
    "initiatives.name_actors", is_county_coordinator | (is_group_meeting & is_group_member)
)
rules.add_perm(
    "initiatives.add_meeting_note",
    is_county_coordinator | (is_group_meeting & is_group_member) | is_invited,
)

rules.add_perm(
    "initiatives.change_idea",
    is_region_member & not_ended & ((is_owner & idea_open) | is_county_coordinator),
)
rules.add_perm(
    "initiatives.change_proposal",
    is_region_member & proposal_open & (is_owner | is_county_coordinator | is_local_coordinator),
)
rules.add_perm(
    "initiatives.manage_participants",
    is_region_member
    & not_ended
    & (is_county_coordinator | (is_owner & (idea_open | proposal_open))),
)
rules.add_perm("initiatives.assess_criteria", not_ended & is_county_coordinator)
rules.add_perm("initiatives.give_advice", not_ended & is_county_coordinator)
rules.add_perm("initiatives.record_reason_to_proceed", not_ended & is_county_coordinator)
rules.add_perm("initiatives.record_preparation", not_ended & (is_county_coordinator | is_owner))
rules.add_perm("initiatives.record_check_in", not_ended & (is_county_coordinator | is_owner))
rules.add_perm("initiatives.report_progress", running & (is_owner | is_county_coordinator))
rules.add_perm(
    "initiatives.record_adjustment", running & (is_county_coordinator | is_steering_group_member)
)
rules.add_perm("initiatives.record_seminar", running & is_county_coordinator)
rules.add_perm("initiatives.record_final_evaluation", running & (is_owner | is_county_coordinator))
rules.add_perm(
    "initiatives.review_resources", running & (is_county_coordinator | is_finance_officer)
)
rules.add_perm("initiatives.correct_decision", is_regional_director)
rules.add_perm("initiatives.set_registration_number", is_county_coordinator)
