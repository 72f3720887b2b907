"""Who may do what with an initiative (django-rules). Region scoping is done by the request's
region scope (pusselbit.core.scoping), so these predicates decide within the user's own
regions."""

import rules

from pusselbit.accounts.enums import Role
from pusselbit.accounts.rules import has_role, is_region_member, organisations_in

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


@rules.predicate
def works_for_a_participant(user, initiative) -> bool:
    """The user holds a role on behalf of one of the initiative's participants."""
    own = organisations_in(user, initiative.region_id)
    return bool(own) and initiative.participants.filter(organisation_id__in=own).exists()


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
def is_lsvo_meeting(user, meeting) -> bool:
    return meeting.kind == MeetingKind.LSVO


@rules.predicate
def is_invited(user, meeting) -> bool:
    return meeting.invitations.filter(user=user).exists()


is_group_member = has_role(Role.COORDINATION_GROUP_MEMBER)
is_lsvo_member = has_role(Role.LSVO_MEMBER)
# Object: the meeting. The coordination group's members name the actors at their own meeting
# and keep their own notes on it, as LSVO's members do on theirs; whoever is invited keeps notes
# too. LSVO recommends on written proposals: its meeting names no actors (that is step 4).
rules.add_perm(
    "initiatives.name_actors",
    ~is_lsvo_meeting & (is_county_coordinator | (is_group_meeting & is_group_member)),
)
rules.add_perm(
    "initiatives.add_meeting_note",
    is_county_coordinator
    | (is_group_meeting & is_group_member)
    | (is_lsvo_meeting & is_lsvo_member)
    | is_invited,
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

# Those working on an initiative: its owner, the people of its participants, and the
# coordinators who carry the region's work. They discuss it in its comments; the rest of the
# region reads them (initiatives.view_initiative: the region's internal data), the public never.
works_on = (
    is_owner
    | is_county_coordinator
    | is_local_coordinator
    | has_role(Role.SUICIDE_PREVENTION_COORDINATOR)
    | works_for_a_participant
)
rules.add_perm("initiatives.comment", is_region_member & works_on)
# Files on the initiative (pusselbit.attachments): attached by those who write its texts, the
# owner and the coordinators, at any stage (a signed decision and an evaluation report come
# late); the county coordinator looks after them (removes anyone's).
rules.add_perm(
    "initiatives.attach_file",
    is_region_member & (is_owner | is_county_coordinator | is_local_coordinator),
)
rules.add_perm("initiatives.manage_files", is_county_coordinator)
# A meeting (object: the meeting) is read by every member of its region; its minutes are
# attached by those who run the region's meetings (initiatives.manage_meetings).
rules.add_perm("initiatives.view_meeting", is_region_member)
