"""The comment thread of an initiative: posting a comment, and telling whoever it mentions."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from pusselbit.accounts.queries import members_with_roles
from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require
from pusselbit.notifications.domain import notify
from pusselbit.notifications.enums import NoticeKind

from ..models import Comment

MAX_LENGTH = 5000
# @username, as Django's user names are made (letters, digits and @.+-_), not inside a word or
# an e-mail address; a full stop or hyphen ending the sentence is not part of the name.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]*[\w])")


def mentioned_names(body: str) -> list[str]:
    """The user names mentioned in `body`, each once, in order."""
    return list(dict.fromkeys(MENTION.findall(body)))


def mentioned_users(initiative, body: str):
    """The active users of the initiative's region (a role there) whom `body` mentions; a name
    of no one in the region mentions nobody."""
    names = mentioned_names(body)
    if not names:
        return []
    members = members_with_roles(initiative.region_id).filter(is_active=True)
    return list(members.filter(username__in=names).order_by("username"))


@transaction.atomic
def post_comment(initiative, body: str, *, actor, submission=None) -> Comment:
    """Add `actor`'s comment to the initiative's thread; once per `submission`
    (core.submissions). Side effects: the comment with the people it mentions, an audit entry
    (the history says a comment was posted, not what it says), and a notification to each
    mentioned person but the author (mailed as they chose)."""
    require(actor, "initiatives.comment", initiative)
    once = submissions.claim(submission, actor=actor)
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the comment.")})
    if len(body) > MAX_LENGTH:
        raise ValidationError({"body": _("At most %(count)s characters.") % {"count": MAX_LENGTH}})
    comment = Comment.objects.create(initiative=initiative, author=actor, body=body)
    mentioned = mentioned_users(initiative, body)
    comment.mentioned.set(mentioned)
    once.made(comment)
    audit.record(
        "initiative.commented",
        initiative,
        actor=actor,
        comment=comment.pk,
        mentioned=[user.username for user in mentioned],
    )
    _tell_mentioned(comment, [user for user in mentioned if user.pk != actor.pk])
    return comment


def _tell_mentioned(comment, users) -> int:
    """Tell each mentioned person that they were mentioned, with a link to the thread: a
    notification (notifications.notify), mailed at once or in their digest as they chose.
    Returns the number told."""
    initiative = comment.initiative
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(author)s mentioned you on %(title)s") % {
            "author": comment.author,
            "title": initiative.title,
        }
        body = _("%(author)s wrote on %(title)s in %(region)s:\n\n%(comment)s\n") % {
            "author": comment.author,
            "title": initiative.title,
            "region": initiative.region.name,
            "comment": Truncator(comment.body).chars(1000),
        }
    told = notify(
        users,
        region=initiative.region,
        kind=NoticeKind.MENTIONED,
        subject=subject,
        body=body,
        url=reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])
        + "#comments",
        actor=comment.author,
    )
    return len(told)
