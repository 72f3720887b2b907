"""Telling people what happened to an initiative (pusselbit.notifications), inside the
transaction of the change, so the mail goes out after it has committed:

- its initiator (the owner) and the participants' contact persons hear that the idea was
  submitted, sent back, recommended, decided, adjusted or closed;
- the people whose roles take the next step hear that it is their turn.

Each person is told once a change (the initiator of a step back is not also told it is their
turn), and never of their own step. The words are in the site's language (LANGUAGE_CODE)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.accounts.models import User
from pusselbit.accounts.queries import members_with_roles
from pusselbit.core.formatting import format_long_date
from pusselbit.notifications.domain import notify
from pusselbit.notifications.enums import NoticeKind

from .enums import ACTION_KINDS, OWNER, StageKind, TransitionKind
from .models import Decision

# What the initiator and the contact persons hear of a step, by the kind of transition taken.
# A forward step is news to them when it submits the idea (leaves the stages where the idea is
# written, the same test that sets submitted_at) or ends the initiative (enters an end stage).
NOTICE_BY_KIND = {
    TransitionKind.BACK: NoticeKind.SENT_BACK,
    TransitionKind.RECOMMENDATION: NoticeKind.RECOMMENDED,
    TransitionKind.DECISION: NoticeKind.DECIDED,
    TransitionKind.WITHDRAW: NoticeKind.CLOSED,
    TransitionKind.REJECT: NoticeKind.CLOSED,
}

# The initiator has a receipt of their own submission: the one notice the actor also gets.
RECEIPTS = {NoticeKind.SUBMITTED}

# A recommendation's or a decision's outcome (the transition's), as the notice says it.
OUTCOMES = {
    "recommend": gettext_lazy("recommended"),
    "do_not_recommend": gettext_lazy("not recommended"),
    "send_back": gettext_lazy("sent back"),
    "approved": gettext_lazy("approved"),
    "rejected": gettext_lazy("rejected"),
    "sent_back": gettext_lazy("sent back"),
}


def notice_kind(change) -> str | None:
    """What the initiator and the contact persons are told of `change`, if anything."""
    transition = change.transition
    if transition is None:
        return None
    if transition.kind in NOTICE_BY_KIND:
        return NOTICE_BY_KIND[transition.kind]
    if transition.kind == TransitionKind.FORWARD:
        if change.to_stage.kind == StageKind.END:
            return NoticeKind.CLOSED
        leaves_idea = change.from_stage is not None and change.from_stage.idea_editable
        if leaves_idea and not change.to_stage.idea_editable:
            return NoticeKind.SUBMITTED
    return None


def next_actors(initiative) -> list[User]:
    """Everyone who may take one of the forward, recommendation or decision transitions out of
    the initiative's current stage: holders of those roles in the region, and the owner."""
    roles = set()
    for transition in initiative.stage.outgoing.all():
        if transition.kind in ACTION_KINDS:
            roles.update(transition.roles)
    users = set(members_with_roles(initiative.region_id, roles - {OWNER}).filter(is_active=True))
    if OWNER in roles:
        users.add(initiative.owner)
    return sorted(users, key=lambda u: u.username)


def concerned(initiative) -> list:
    """The initiator, and the contact persons of the participants (e-mail addresses)."""
    contacts = initiative.participants.exclude(contact_email="").values_list(
        "contact_email", flat=True
    )
    return [initiative.owner, *contacts]


def _path(initiative) -> str:
    return reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else "–"


def _about(initiative, lead: str, comment: str = "", *details: str) -> str:
    lines = [lead, "", _("Initiative: %(title)s") % {"title": initiative.title}]
    lines.append(_("Region: %(region)s") % {"region": initiative.region.name})
    lines += [detail for detail in details if detail]
    if comment.strip():
        lines += ["", _("Comment: %(comment)s") % {"comment": comment.strip()}]
    return "\n".join(lines)


def _decision_details(change) -> str:
    decision = (
        Decision.objects.filter(initiative=change.initiative, stage=change.from_stage)
        .order_by("-pk")
        .first()
    )
    if decision is None:
        return ""
    return _("Decided on %(date)s, registration number %(number)s.") % {
        "date": format_long_date(decision.decided_on),
        "number": decision.registration_number,
    }


# The subject and the first line of each notice to the initiator and the contact persons.
WORDS = {
    NoticeKind.SUBMITTED: (
        gettext_lazy("%(title)s has been submitted"),
        gettext_lazy("%(actor)s submitted the idea; it is now in the stage %(stage)s."),
    ),
    NoticeKind.SENT_BACK: (
        gettext_lazy("%(title)s was sent back to %(stage)s"),
        gettext_lazy("%(actor)s sent the initiative back from %(from)s to %(stage)s."),
    ),
    NoticeKind.RECOMMENDED: (
        gettext_lazy("Recommendation on %(title)s: %(outcome)s"),
        gettext_lazy(
            "The recommendation is recorded: %(outcome)s. The initiative is now in the stage "
            "%(stage)s."
        ),
    ),
    NoticeKind.DECIDED: (
        gettext_lazy("Decision on %(title)s: %(outcome)s"),
        gettext_lazy(
            "The decision is recorded: %(outcome)s. The initiative is now in the stage %(stage)s."
        ),
    ),
    NoticeKind.CLOSED: (
        gettext_lazy("%(title)s is closed (%(stage)s)"),
        gettext_lazy(
            "%(actor)s took the step %(step)s: the initiative has ended in the stage %(stage)s."
        ),
    ),
}


def _words(kind, change) -> tuple[str, str]:
    """The subject and the text of the notice `kind` of `change`."""
    initiative = change.initiative
    values = {
        "title": initiative.title,
        "stage": change.to_stage.name,
        "from": change.from_stage.name if change.from_stage else "–",
        "actor": _name(change.actor),
        "outcome": str(OUTCOMES.get(change.transition.outcome, change.transition.name)),
        "step": change.transition.name,
    }
    subject, lead = WORDS[kind]
    details = _decision_details(change) if kind == NoticeKind.DECIDED else ""
    return str(subject) % values, _about(initiative, str(lead) % values, change.comment, details)


def _tell_concerned(change, kind) -> list:
    initiative = change.initiative
    subject, body = _words(kind, change)
    return notify(
        concerned(initiative),
        region=initiative.region,
        kind=kind,
        subject=subject,
        body=body,
        url=_path(initiative),
        actor=change.actor,
        receipt=kind in RECEIPTS,
    )


def _tell_next_actors(change, told: set[int]) -> list:
    initiative = change.initiative
    recipients = [user for user in next_actors(initiative) if user.pk not in told]
    if not recipients:
        return []
    values = {
        "title": initiative.title,
        "stage": initiative.stage.name,
        "from": change.from_stage.name if change.from_stage else "–",
    }
    subject = _("%(title)s is now in the stage %(stage)s") % values
    lead = (
        _("The initiative has moved from %(from)s to %(stage)s; your roles may take the next step.")
        % values
    )
    return notify(
        recipients,
        region=initiative.region,
        kind=NoticeKind.TO_ACT,
        subject=subject,
        body=_about(initiative, lead, change.comment),
        url=_path(initiative),
        actor=change.actor,
    )


def stage_changed(change) -> list:
    """Tell of a stage change: the initiator and the contact persons when it is news to them
    (`notice_kind`), and the next actors that it is their turn. The notifications made."""
    with translation.override(settings.LANGUAGE_CODE):
        kind = notice_kind(change)
        told = _tell_concerned(change, kind) if kind else []
        users = {notification.recipient_id for notification in told}
        return told + _tell_next_actors(change, users)


def adjusted(adjustment, *, actor) -> list:
    """Tell the initiator and the contact persons of an adjustment agreed for the initiative."""
    initiative = adjustment.initiative
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": initiative.title,
            "with": adjustment.agreed_with,
            "date": format_long_date(adjustment.agreed_on),
        }
        lead = _("An adjustment was agreed with %(with)s on %(date)s:") % values
        return notify(
            concerned(initiative),
            region=initiative.region,
            kind=NoticeKind.ADJUSTED,
            subject=_("%(title)s is adjusted") % values,
            body=_about(initiative, f"{lead}\n{adjustment.description}"),
            url=_path(initiative),
            actor=actor,
        )


def advice_given(advice) -> list:
    """Tell the initiative's owner that a county coordinator has given advice on the idea (the
    advice itself is read on the initiative page, where only the region's members see it)."""
    initiative = advice.initiative
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "coordinator": _name(advice.recorded_by),
            "title": initiative.title,
            "next_step": advice.get_next_step_display(),
        }
        return notify(
            [initiative.owner],
            region=initiative.region,
            kind=NoticeKind.ADVICE,
            subject=_("Advice on %(title)s") % values,
            body=_(
                "%(coordinator)s has given advice on the idea %(title)s.\n"
                "Suggested next step: %(next_step)s"
            )
            % values,
            url=_path(initiative) + "#advice",
            actor=advice.recorded_by,
        )
