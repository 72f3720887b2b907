from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notification tells of. New kinds are added here; the list and the digest show
    any kind by its label."""

    ADVICE = "advice", _("Advice given")
    SUBMITTED = "submitted", _("Idea submitted")
    SENT_BACK = "sent_back", _("Sent back")
    RECOMMENDED = "recommended", _("Recommendation")
    DECIDED = "decided", _("Decision")
    ADJUSTED = "adjusted", _("Adjusted")
    CLOSED = "closed", _("Closed")
    # The initiative reached a stage where the recipient's roles take the next step.
    TO_ACT = "to_act", _("Your turn")
    MENTIONED = "mentioned", _("Mentioned")
    MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")


class Delivery(models.TextChoices):
    """How a person wants to be told: each notice by mail at once, or one mail a day."""

    IMMEDIATE = "immediate", _("By e-mail at once")
    DIGEST = "digest", _("In one e-mail a day (daily digest)")


class Mailing(models.TextChoices):
    """How one notification is mailed, settled when it is made."""

    IMMEDIATE = "immediate", _("at once")
    DIGEST = "digest", _("in the daily digest")
    # No address, or made while mail is silenced (the demo): shown in the product only.
    NONE = "none", _("not mailed")
