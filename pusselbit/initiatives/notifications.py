"""E-mail to the people who must act next. Queued in the outbox (core.mail) inside the
transaction of the change, and sent after it has committed."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pusselbit.accounts.models import User
from pusselbit.accounts.queries import members_with_roles
from pusselbit.core.mail import queue_mail
from pusselbit.core.middleware import site_url

from .enums import ACTION_KINDS, OWNER


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
    return sorted((u for u in users if u.email), key=lambda u: u.username)


def _url(initiative) -> str:
    return site_url(reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk]))


def stage_changed(change) -> int:
    """Tell the next actors that the initiative has reached a stage where they act: one
    message each, queued in the caller's transaction. Returns the number queued."""
    initiative = change.initiative
    recipients = next_actors(initiative)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(title)s is now in the stage %(stage)s") % {
            "title": initiative.title,
            "stage": initiative.stage.name,
        }
        body = _(
            "The initiative %(title)s in %(region)s has moved from %(from)s to %(to)s.\n"
            "%(comment)s\nYour roles may take the next step:\n%(url)s\n"
        ) % {
            "title": initiative.title,
            "region": initiative.region.name,
            "from": change.from_stage.name if change.from_stage else "–",
            "to": initiative.stage.name,
            "comment": change.comment,
            "url": _url(initiative),
        }
    queued = [
        queue_mail(to=[user.email], subject=subject, body=body, region=initiative.region)
        for user in recipients
    ]
    return sum(mail is not None for mail in queued)


def advice_given(advice) -> int:
    """Tell the initiative's owner that a county coordinator has given advice on the idea (the
    advice itself is read on the initiative page, where only the region's members see it)."""
    initiative = advice.initiative
    owner = initiative.owner
    if not owner.email or owner.pk == advice.recorded_by_id or not owner.is_active:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Advice on %(title)s") % {"title": initiative.title}
        body = _(
            "%(coordinator)s has given advice on the idea %(title)s.\n"
            "Suggested next step: %(next_step)s\n"
            "Read the advice:\n%(url)s\n"
        ) % {
            "coordinator": advice.recorded_by,
            "title": initiative.title,
            "next_step": advice.get_next_step_display(),
            "url": _url(initiative) + "#advice",
        }
    mail = queue_mail(to=[owner.email], subject=subject, body=body, region=initiative.region)
    return int(mail is not None)
