from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.models import OutgoingMail
from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Region

from .enums import Delivery, Mailing, NoticeKind


class Notification(models.Model):
    """One thing one person is told of: a user (who sees it in the product and is mailed as
    they chose) or, for someone who is no user (a participant's contact person), an address
    that is mailed at once and has no list to read it in."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    # The page the notice is about, as a path on the site (mail makes it a full link).
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mailing = models.CharField(
        _("mailed"), max_length=10, choices=Mailing.choices, default=Mailing.IMMEDIATE
    )
    # When its message (its own, or the digest it went out in) was put in the outbox.
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)
    mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = region_scoped()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The header's unread count and the list, per person.
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            # What the daily digest gathers.
            models.Index(fields=["mailing", "mailed_at"], name="notification_digest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | ~models.Q(email=""),
                name="notification_has_recipient",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """How a user wants to be told (without a row: at once)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    delivery = models.CharField(
        _("e-mail"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"
