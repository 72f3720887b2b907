from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    IDEA_TEMPLATE = "idea_template", _("Idea template")
    MINUTES = "minutes", _("Minutes")
    EVALUATION_REPORT = "evaluation_report", _("Evaluation report")
    SIGNED_DECISION = "signed_decision", _("Signed decision")
    OTHER = "other", _("Other")
