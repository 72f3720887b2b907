from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectionScope(models.TextChoices):
    COUNTY_JOINT = "county_joint", _("County-joint")
    MUNICIPAL = "municipal", _("Municipal")
