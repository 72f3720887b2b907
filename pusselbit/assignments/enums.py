from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class PointKind(models.TextChoices):
    """The listed points of an assignment, in the order the seeds give them."""

    QUESTION = "question", _("Questions behind the assignment")
    BASIS = "basis", _("The assignment is based on")
    OVERALL = "overall", _("Overall assignment")
    EXAMPLE = "example", _("Example activities")


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    AUTUMN = "autumn", _("Autumn")
