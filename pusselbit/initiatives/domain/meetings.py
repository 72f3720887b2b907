"""Meetings (steps 4–6 of the process) and check-ins (step 7): every write, with its audit entry.

A coordination-group meeting presents initiatives (agenda items) and names the actors to
involve; a dialogue forum invites the idea's owner, those actors and the region's coordinators
and user organisations; check-ins with the management and cooperation groups are a log."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from pusselbit.accounts.enums import Role
from pusselbit.accounts.queries import memberships_in
from pusselbit.accounts.rules import roles_in
from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require

from ..enums import InviteeRole, MeetingKind, StageKind
from ..models import AgendaItem, CheckIn, Invitation, Meeting
from .participants import add_participant

MANAGE = "initiatives.manage_meetings"

# The region's roles present at a dialogue forum (step 5), in the order they are invited: a
# user holding several of them is invited once, under the first.
FORUM_ROLES = [
    (Role.COUNTY_COORDINATOR, InviteeRole.COUNTY_COORDINATOR),
    (Role.SUICIDE_PREVENTION_COORDINATOR, InviteeRole.SUICIDE_PREVENTION_COORDINATOR),
    (Role.LOCAL_COORDINATOR, InviteeRole.LOCAL_COORDINATOR),
    (Role.USER_ORGANISATION_REPRESENTATIVE, InviteeRole.USER_ORGANISATION),
]


def _check_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def check_not_cancelled(meeting) -> None:
    """A cancelled meeting is kept as it was: nothing more is planned or sent for it."""
    if meeting.cancelled_at is not None:
        raise ValidationError(_("The meeting is cancelled."))


def changed(meeting) -> None:
    """What the invitation tells (title, time, place, agenda) has changed: raise the meeting's
    version, so that the next sending goes to everyone invited as an update of the event in
    their calendars."""
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])


def _check_open(initiative) -> None:
    if initiative.stage.kind == StageKind.END:
        raise ValidationError(
            {"initiative": _("%(initiative)s has ended.") % {"initiative": initiative}}
        )


@transaction.atomic
def create_meeting(
    region, *, actor, kind, title, starts_at, ends_at, location="", notes="", submission=None
) -> Meeting:
    """Plan a meeting of the region, once per `submission` (core.submissions). Side effects:
    the meeting and an audit entry."""
    require(actor, MANAGE, region)
    once = submissions.claim(submission, actor=actor)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose a kind of meeting.")})
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(
        region=region,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        notes=notes,
        created_by=actor,
    )
    once.made(meeting)
    audit.record(
        "meeting.created", meeting, actor=actor, title=title, kind=kind, starts_at=starts_at
    )
    return meeting


@transaction.atomic
def update_meeting_notes(meeting, notes: str, *, actor) -> Meeting:
    """Write the meeting's minutes (shared with the attendees by invitations.share_minutes)."""
    require(actor, MANAGE, meeting.region)
    meeting.notes = notes
    meeting.save(update_fields=["notes"])
    audit.record("meeting.notes_updated", meeting, actor=actor)
    return meeting


@transaction.atomic
def add_agenda_item(meeting, initiative, *, actor) -> AgendaItem:
    """Put an initiative of the meeting's region on its agenda, last. Side effects: the agenda
    item and an audit entry on the initiative, so its history shows where it was presented."""
    require(actor, MANAGE, meeting.region)
    check_not_cancelled(meeting)
    if initiative.region_id != meeting.region_id:
        raise ValidationError({"initiative": _("The initiative belongs to another region.")})
    _check_open(initiative)
    if meeting.agenda.filter(initiative=initiative).exists():
        raise ValidationError(
            {
                "initiative": _("%(initiative)s is on the agenda already.")
                % {"initiative": initiative}
            }
        )
    last = meeting.agenda.aggregate(last=Max("order"))["last"]
    item = AgendaItem.objects.create(
        meeting=meeting, initiative=initiative, order=0 if last is None else last + 1
    )
    # The agenda is part of the invitation: those who received it get the new one as an update.
    changed(meeting)
    audit.record(
        "initiative.put_on_agenda",
        initiative,
        actor=actor,
        meeting=meeting.pk,
        meeting_title=meeting.title,
        starts_at=meeting.starts_at,
    )
    return item


@transaction.atomic
def name_actors(agenda_item, organisations, *, actor) -> AgendaItem:
    """Record the actors the meeting named for the initiative (replacing the item's earlier
    list) and make each of them a participant of the initiative, in one step (step 4).

    Side effects: the item's named actors; a Participant, with its audit entry, for each named
    organisation that does not take part yet in any operation area (the coordinator acts for
    the group, so the participant permission is not asked again); an "initiative.actors_named"
    audit entry on the initiative. Un-naming an actor does not remove it as a participant:
    that is done on the participants page."""
    meeting, initiative = agenda_item.meeting, agenda_item.initiative
    require(actor, "initiatives.name_actors", meeting)
    _check_open(initiative)
    organisations = list(organisations)
    for organisation in organisations:
        if not organisation.serves_region(meeting.region):
            raise ValidationError(
                {
                    "organisations": _("%(organisation)s does not act in %(region)s.")
                    % {"organisation": organisation, "region": meeting.region}
                }
            )
    agenda_item.named_actors.set(organisations)
    taking_part = set(initiative.participants.values_list("organisation_id", flat=True))
    added = []
    for organisation in organisations:
        if organisation.pk not in taking_part:
            add_participant(initiative, organisation, actor=actor, check_permission=False)
            added.append(organisation.name)
    audit.record(
        "initiative.actors_named",
        initiative,
        actor=actor,
        meeting=meeting.pk,
        meeting_title=meeting.title,
        actors=[o.name for o in organisations],
        added_as_participants=added,
    )
    return agenda_item


def _invited_keys(meeting) -> tuple[set[int], set[str], set[tuple]]:
    """Who is invited already: user ids, e-mail addresses (lower case) and (name, org) pairs."""
    users, emails, names = set(), set(), set()
    for invitation in meeting.invitations.select_related("user"):
        if invitation.user_id:
            users.add(invitation.user_id)
            if invitation.user.email:
                emails.add(invitation.user.email.lower())
        if invitation.email:
            emails.add(invitation.email.lower())
        names.add((invitation.name.strip().lower(), invitation.organisation_id))
    return users, emails, names


def _validate_invitee(meeting, *, user, name, organisation) -> None:
    if user is None and not name.strip():
        raise ValidationError(_("Choose a user or write a name."))
    if user is not None and not roles_in(user, meeting.region):
        raise ValidationError({"user": _("The user does not work within this region.")})
    if organisation is not None and not organisation.serves_region(meeting.region):
        raise ValidationError(
            {
                "organisation": _("%(organisation)s does not act in %(region)s.")
                % {"organisation": organisation, "region": meeting.region}
            }
        )


@transaction.atomic
def invite(meeting, *, actor, role, user=None, name="", email="", organisation=None) -> Invitation:
    """Invite one person to the meeting: a user of the region, or someone by name. Side
    effects: the invitation and an audit entry."""
    require(actor, MANAGE, meeting.region)
    check_not_cancelled(meeting)
    if role not in InviteeRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    _validate_invitee(meeting, user=user, name=name, organisation=organisation)
    users, emails, names = _invited_keys(meeting)
    email = email.strip()
    if (
        (user is not None and user.pk in users)
        or (email and email.lower() in emails)
        or (user is None and (name.strip().lower(), getattr(organisation, "pk", None)) in names)
    ):
        raise ValidationError(_("%(person)s is invited already.") % {"person": user or name})
    invitation = Invitation.objects.create(
        meeting=meeting,
        role=role,
        user=user,
        name=name.strip(),
        email=email,
        organisation=organisation,
    )
    audit.record("meeting.invited", meeting, actor=actor, role=role, invitee=str(invitation))
    return invitation


@dataclass
class ForumInvitations:
    """What invite_for_initiative did: the new invitations, and the participants it could not
    invite because nobody is named as their contact person."""

    invited: list[Invitation] = field(default_factory=list)
    without_contact: list = field(default_factory=list)


@transaction.atomic
def invite_for_initiative(meeting, initiative, *, actor) -> ForumInvitations:
    """Invite, by role, everyone step 5 brings to a dialogue forum on the initiative: its
    owner (idea owner), its participants' contact persons (actors), and every user of the
    region who is a county coordinator, suicide-prevention coordinator, local coordinator or
    user-organisation representative. Whoever is invited already is skipped.

    Side effects: the invitations and one audit entry on the meeting."""
    require(actor, MANAGE, meeting.region)
    check_not_cancelled(meeting)
    if initiative.region_id != meeting.region_id:
        raise ValidationError({"initiative": _("The initiative belongs to another region.")})
    users, emails, names = _invited_keys(meeting)
    result = ForumInvitations()

    def add(role, *, user=None, name="", email="", organisation=None):
        result.invited.append(
            Invitation.objects.create(
                meeting=meeting,
                role=role,
                user=user,
                name=name,
                email=email,
                organisation=organisation,
            )
        )
        if user is not None:
            users.add(user.pk)
        for address in (email, getattr(user, "email", "")):
            if address:
                emails.add(address.lower())
        names.add((name.lower(), getattr(organisation, "pk", None)))

    owner = initiative.owner
    if owner.pk not in users:
        add(InviteeRole.IDEA_OWNER, user=owner, organisation=initiative.organisation)

    for participant in initiative.participants.select_related("organisation"):
        name, email = participant.contact_name.strip(), participant.contact_email.strip()
        if not name and not email:
            result.without_contact.append(participant)
            continue
        if (email and email.lower() in emails) or (
            (name.lower(), participant.organisation_id) in names
        ):
            continue
        add(
            InviteeRole.ACTOR,
            name=name or email,
            email=email,
            organisation=participant.organisation,
        )

    role_order = {role.value: index for index, (role, _invitee) in enumerate(FORUM_ROLES)}
    invitee_role = {role.value: invitee for role, invitee in FORUM_ROLES}
    memberships = sorted(
        memberships_in([meeting.region], roles=role_order),
        key=lambda m: (role_order[m.role], m.user.last_name, m.user.first_name, m.user.pk),
    )
    for membership in memberships:
        user = membership.user
        if user.pk in users or (user.email and user.email.lower() in emails):
            continue
        add(invitee_role[membership.role], user=user, organisation=membership.organisation)

    audit.record(
        "meeting.invited_for_initiative",
        meeting,
        actor=actor,
        initiative=initiative.pk,
        invitees=[str(invitation) for invitation in result.invited],
    )
    return result


@transaction.atomic
def record_check_in(initiative, *, actor, date, group, notes="") -> CheckIn:
    """Log a check-in with a management or cooperation group concerned (step 7). Side
    effects: the check-in and an audit entry on the initiative."""
    require(actor, "initiatives.record_check_in", initiative)
    if not group.strip():
        raise ValidationError({"group": _("Name the group.")})
    check_in = CheckIn.objects.create(
        initiative=initiative, date=date, group=group.strip(), notes=notes, recorded_by=actor
    )
    audit.record("initiative.check_in_recorded", initiative, actor=actor, date=date, group=group)
    return check_in
