from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import OperationArea, Organisation

from .initiative import Initiative


class Participant(models.Model):
    """An organisation (and, where known, its operation area) taking part in an initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    operation_area = models.ForeignKey(
        OperationArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operation area"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = region_scoped(path="initiative__region")

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "operation_area"],
                name="participant_once",
            ),
        ]

    def __str__(self):
        if self.operation_area_id:
            return f"{self.organisation}: {self.operation_area.name}"
        return str(self.organisation)

    @property
    def kind(self):
        return self.organisation.operation_area_kind
