from django.db import models
from django.utils.translation import gettext_lazy as _


class AllocationKey(models.TextChoices):
    POPULATION = "population", _("Population at a reference date")
    RATE = "rate", _("Rate per inhabitant")
    FLAT = "flat", _("Flat amount per recipient")
    RATIO = "ratio", _("In proportion to another direction")
    WEIGHTS = "weights", _("Custom weights from a file")
    MANUAL = "manual", _("Manual table")


class Unit(models.TextChoices):
    KRONA = "krona", _("Whole kronor")
    ORE = "ore", _("Kronor and öre")
