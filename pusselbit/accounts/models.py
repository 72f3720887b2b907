from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import region_scoped
from pusselbit.organisations.models import Organisation, Region

from .enums import Role


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships."""

    # A region administrator sees the accounts of their own region: those with a role there and
    # those they created for it (who have no role yet). Accounts the platform operator creates
    # without a region are the platform operator's alone.
    created_in = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created for region"),
        help_text=_(
            "The region whose administrators look after the account, also before it has a role."
        ),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in a region, on behalf of an organisation (a municipality, the region's
    own organisation, a municipal association or a civil-society organisation)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("region")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["region__code", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "organisation", "role"], name="membership_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.organisation} ({self.region})"

    def clean(self):
        if (
            self.organisation_id
            and self.region_id
            and not self.organisation.serves_region(self.region)
        ):
            raise ValidationError(
                {
                    "organisation": _("%(organisation)s does not act in %(region)s.")
                    % {"organisation": self.organisation, "region": self.region}
                }
            )


class SignInPolicy(models.Model):
    """How a region's people sign in. A region without a row requires nothing beyond the
    password. Kept here rather than on Region: it is the accounts app that enforces it
    (accounts.middleware.TwoFactorRequiredMiddleware)."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="sign_in_policy", verbose_name=_("region")
    )
    require_two_factor = models.BooleanField(
        _("require two-step verification"),
        default=False,
        help_text=_(
            "Regional directors, LSVO members, finance officers and administrators of the "
            "region who sign in with a password must also give a code from an authenticator "
            "app. Those who sign in through their organisation's login are not asked."
        ),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = region_scoped()

    class Meta:
        verbose_name = _("sign-in policy")
        verbose_name_plural = _("sign-in policies")

    def __str__(self):
        return str(self.region)
