"""The national agreement (ÖK) vocabulary an initiative is described in: its directions
(inriktningar) and the government's priority areas. Rows, so that a new year's agreement can
add a direction without a code change; the money per direction comes with the funds app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.models import BilingualName

from .enums import DirectionScope


class Direction(BilingualName):
    code = models.SlugField(_("code"), unique=True)
    scope = models.CharField(_("scope"), max_length=20, choices=DirectionScope.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")


class PriorityArea(BilingualName):
    code = models.SlugField(_("code"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
