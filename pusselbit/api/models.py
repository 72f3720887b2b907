"""API tokens: a key a region's user makes for a program (a statistics system, a script) that
reads or writes the region's data on their behalf. The token acts as the person who made it, in
one region, with their roles there and never more; a read token cannot write.

Only a SHA-256 of the key is kept: the key is shown once, when made, and cannot be read back
from the database. A key is 256 random bits, so a plain hash (not a slow password hash) is
enough and lets a request find its token with one indexed lookup. A token is never deleted:
revoking it is a state of the row, so the register of who could reach the data, and until
when, stays whole."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Region

from .enums import Access


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked and not expired."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=timezone.localdate())
        )


class ApiToken(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("region")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("made by"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the statistics export.")
    )
    access = models.CharField(_("access"), max_length=10, choices=Access.choices)
    # The first characters of the key, to tell tokens apart on the page; not secret alone.
    prefix = models.CharField(_("begins with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until it is revoked.")
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("revoked by"),
    )

    objects = region_scoped(ApiTokenQuerySet)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )

    @property
    def can_write(self) -> bool:
        return self.access == Access.READ_WRITE
