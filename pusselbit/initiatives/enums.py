from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.accounts.enums import Role


class StageKind(models.TextChoices):
    START = "start", _("Start")
    ACTIVE = "active", _("In progress")
    END = "end", _("End")


class TransitionKind(models.TextChoices):
    """How a transition is taken on the initiative page. Forward, recommendation and decision
    transitions are what "waiting for me" counts; back, withdraw and reject are exits."""

    FORWARD = "forward", _("Move forward")
    BACK = "back", _("Send back")
    RECOMMENDATION = "recommendation", _("Recommendation")
    DECISION = "decision", _("Decision")
    WITHDRAW = "withdraw", _("Withdraw")
    REJECT = "reject", _("Reject")


ACTION_KINDS = {TransitionKind.FORWARD, TransitionKind.RECOMMENDATION, TransitionKind.DECISION}
# Taken on their own forms (a rationale, a meeting date, a registration number); the other kinds
# are plain steps, taken with a button and a comment.
RECORDED_KINDS = {TransitionKind.RECOMMENDATION, TransitionKind.DECISION}
# Leaving the main path is explained in writing: these plain steps require a comment.
COMMENT_REQUIRED_KINDS = {TransitionKind.BACK, TransitionKind.WITHDRAW, TransitionKind.REJECT}


class RecommendationOutcome(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend")
    DO_NOT_RECOMMEND = "do_not_recommend", _("Do not recommend")
    SEND_BACK = "send_back", _("Send back")


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SENT_BACK = "sent_back", _("Sent back")


class DecisionExtent(models.TextChoices):
    """What a decision to implement decides (step 12, "beslut om implementering/uppskalning"):
    to make the new way of working ordinary in the organisations that tried it, or to scale
    it up to more of them. What "Lär av andra" tells apart as implemented and scaled up."""

    IMPLEMENT = "implement", _("Implement in ordinary operations")
    SCALE_UP = "scale_up", _("Scale up to more operations")


# Who may act on a transition: the roles of the region, and the initiative's own owner.
OWNER = "owner"
ACTOR_CHOICES = [(OWNER, _("The initiative's owner")), *Role.choices]


class Criterion(models.TextChoices):
    """The eight "shall" criteria of Blekinge's process (Satsningen ska: …)."""

    COUNTERACT_EXCLUSION = "counteract_exclusion", _("Counteracts individuals' exclusion")
    DAMPEN_COSTS = "dampen_costs", _("Dampens future cost growth – long-term")
    OVERALL_PRIORITIES = (
        "overall_priorities",
        _("Contributes to the municipalities' and the region's overall priorities"),
    )
    CROSS_BOUNDARY = "cross_boundary", _("Achieves cross-boundary collaboration")
    NEW_WAYS = "new_ways", _("Allows testing of new ways of working and methods")
    USER_INVOLVEMENT = (
        "user_involvement",
        _("Integrates patient and user involvement and the child-rights perspective"),
    )
    PROACTIVE = "proactive", _("Moves from reactive to proactive: root causes rather than symptoms")
    IMPLEMENTATION_PLAN = (
        "implementation_plan",
        _("Contains a plan to implement successful methods in ordinary operations"),
    )


class Assessment(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class PreparationStep(models.TextChoices):
    """The five steps of the preparation process (beredningsprocess)."""

    CO_CREATED = (
        "co_created",
        _("Participants from the units concerned, with user involvement, create it together"),
    )
    GOALS_SET = "goals_set", _("Purpose, goals, effect measures and logic are set")
    EVIDENCE = "evidence", _("It rests on evidence and/or established experience")
    PLANS_MADE = "plans_made", _("Evaluation, reporting and implementation plans are made")
    BUDGET_DONE = "budget_done", _("Budget and economic effects are worked out")


class Fit(models.TextChoices):
    """How well an idea fits the year's agreement and its priority areas (the advice, step 2)."""

    YES = "yes", _("Fits")
    PARTLY = "partly", _("Fits in part")
    NO = "no", _("Does not fit")


class AdviceNextStep(models.TextChoices):
    """What the county coordinator advises the initiator to do next."""

    SUBMIT_IDEA = "submit_idea", _("Fill in and submit the idea template")
    REWORK_IDEA = "rework_idea", _("Rework the idea and ask for advice again")
    CONTACT_ACTORS = "contact_actors", _("Contact the suggested actors first")
    OTHER_FUNDING = "other_funding", _("Look for other funding: the idea does not fit here")
    OTHER = "other", _("Other")


class EvidenceBasis(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    EXPERIENCE = "experience", _("Established experience")
    BOTH = "both", _("Evidence and established experience")


class Funding(models.TextChoices):
    STIMULUS = "stimulus", _("Stimulus funds")
    OWN = "own", _("Own means")


class MeetingKind(models.TextChoices):
    COORDINATION_GROUP = "coordination_group", _("Coordination-group meeting")
    DIALOGUE_FORUM = "dialogue_forum", _("Dialogue forum")
    TARGET_GROUP_DIALOGUE = "target_group_dialogue", _("Target-group dialogue")
    # LSVO (Ledningsgrupp för samverkan och verksamhetsutveckling) meets on the proposals that
    # wait for its recommendation: its page gives each proposal, and all of them in one file.
    LSVO = "lsvo", _("LSVO meeting")


class Answer(models.TextChoices):
    """An invitee's answer to a meeting invitation."""

    NONE = "", _("Not answered")
    YES = "yes", _("Coming")
    NO = "no", _("Not coming")


class InviteeRole(models.TextChoices):
    """Who is present at a dialogue forum, per step 5 of the process."""

    IDEA_OWNER = "idea_owner", _("Idea owner")
    ACTOR = "actor", _("Actor")
    COUNTY_COORDINATOR = "county_coordinator", _("County coordinator")
    SUICIDE_PREVENTION_COORDINATOR = (
        "suicide_prevention_coordinator",
        _("Suicide-prevention coordinator"),
    )
    LOCAL_COORDINATOR = "local_coordinator", _("Local coordinator")
    USER_ORGANISATION = "user_organisation", _("User organisation")
    COORDINATION_GROUP_MEMBER = "coordination_group_member", _("Coordination-group member")
    LSVO_MEMBER = "lsvo_member", _("LSVO member")
    ANALYST = "analyst", _("Analyst")
    COMMUNICATOR = "communicator", _("Communicator")
    OTHER = "other", _("Other")


# "Invite by role": the region's roles a meeting may invite all at once, and the role each
# invitee is listed under. The bodies (coordination group, LSVO) come first.
ROLE_INVITEES = {
    Role.COORDINATION_GROUP_MEMBER: InviteeRole.COORDINATION_GROUP_MEMBER,
    Role.LSVO_MEMBER: InviteeRole.LSVO_MEMBER,
    Role.COUNTY_COORDINATOR: InviteeRole.COUNTY_COORDINATOR,
    Role.LOCAL_COORDINATOR: InviteeRole.LOCAL_COORDINATOR,
    Role.SUICIDE_PREVENTION_COORDINATOR: InviteeRole.SUICIDE_PREVENTION_COORDINATOR,
    Role.USER_ORGANISATION_REPRESENTATIVE: InviteeRole.USER_ORGANISATION,
    Role.ANALYST: InviteeRole.ANALYST,
    Role.COMMUNICATOR: InviteeRole.COMMUNICATOR,
}
