from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    """Where an outgoing mail (OutgoingMail) is on its way out."""

    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
