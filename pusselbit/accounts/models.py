import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.scoping import UniqueAcrossRegions, region_scoped
from pusselbit.organisations.models import Organisation, Region

from .enums import InvitationStatus, Role


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


class IdentityProvider(UniqueAcrossRegions, models.Model):
    """A region's organisation login (single sign-on): an OpenID Connect provider (Microsoft
    Entra ID, Inera's IdP for SITHS) or a SAML 2.0 identity provider (a Sweden Connect or
    SWAMID-style federation). django-allauth speaks the protocols; accounts.sso hands it these
    rows as its "apps", one per organisation, so a region configures its own in its pages and
    the platform operator is not needed."""

    class Protocol(models.TextChoices):
        OPENID_CONNECT = "openid_connect", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="identity_providers",
        verbose_name=_("region"),
    )
    name = models.CharField(
        _("organisation"),
        max_length=100,
        help_text=_('Shown on the sign-in page as "Sign in with <organisation>".'),
    )
    # In the addresses the provider sends people back to (and the SAML entity ID); it never
    # changes once people sign in through it.
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    protocol = models.CharField(_("protocol"), max_length=20, choices=Protocol.choices)
    is_active = models.BooleanField(_("offered on the sign-in page"), default=True)
    trusts_email = models.BooleanField(
        _("the provider vouches for e-mail addresses"),
        default=False,
        help_text=_(
            "A first sign-in is then linked to the region's existing account with the same "
            "e-mail address. Only for the organisation's own directory."
        ),
    )
    # OpenID Connect
    server_url = models.URLField(
        _("issuer address"),
        blank=True,
        help_text=_(
            "Where /.well-known/openid-configuration is found, e.g. "
            "https://login.microsoftonline.com/<tenant>/v2.0"
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=255, blank=True)
    client_secret = models.CharField(_("client secret"), max_length=255, blank=True)
    # SAML 2.0
    metadata_url = models.URLField(_("IdP metadata address"), blank=True, max_length=500)
    metadata_xml = models.TextField(_("IdP metadata"), blank=True)
    idp_entity_id = models.CharField(_("IdP entity ID"), max_length=255, blank=True)
    sign_requests = models.BooleanField(_("sign authentication requests"), default=True)
    # The service provider's own key pair, made when the provider is added: the federation
    # checks the signed requests against the certificate in Pusselbit's SP metadata.
    sp_certificate = models.TextField(_("SP certificate"), blank=True)
    sp_private_key = models.TextField(_("SP private key"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = region_scoped()

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self):
        return f"{self.name} ({self.get_protocol_display()})"

    @property
    def is_saml(self) -> bool:
        return self.protocol == self.Protocol.SAML

    def clean(self):
        if self.protocol == self.Protocol.OPENID_CONNECT:
            required = ["server_url", "client_id", "client_secret"]
        else:
            required = [] if self.metadata_url else ["metadata_xml"]
        missing = {
            name: ValidationError(
                _("Needed for %(protocol)s.") % {"protocol": self.get_protocol_display()},
                code="required",
            )
            for name in required
            if not getattr(self, name)
        }
        # Pusselbit's server reads these addresses itself: in production only over TLS, so
        # neither a provider's answers nor a way into the internal network go over plain HTTP.
        if settings.SSO_REQUIRE_HTTPS:
            for name in ("server_url", "metadata_url"):
                if getattr(self, name) and not getattr(self, name).startswith("https://"):
                    missing.setdefault(
                        name, ValidationError(_("Use an https:// address."), code="https")
                    )
        if missing:
            raise ValidationError(missing)

    def login_url(self) -> str:
        """Where the sign-in page's button posts to start the sign-in (allauth's address)."""
        if self.protocol == self.Protocol.SAML:
            return reverse("saml_login", kwargs={"organization_slug": self.slug})
        return reverse("openid_connect_login", kwargs={"provider_id": self.slug})


class RoleInvitation(models.Model):
    """An invitation by e-mail to a role in one of a region's organisations (issue 14, item 4).

    The link in the mail carries a random token; only its SHA-256 hash is stored, so neither a
    copy of the database nor the admin reveals a usable link. A link is used once (accepted),
    expires (`expires_at`) and can be withdrawn; no invitation is ever deleted, so the list and
    the audit log keep what happened."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="role_invitations", verbose_name=_("region")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    # Null when the system invited (the demo); set null if the inviter's account is ever deleted,
    # as the audit log keeps who it was.
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    # How many times the invitation was sent: a resend form carries the count it was shown at,
    # so a double click or a second tab does not send (and invalidate) a second link.
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=0)
    mail = models.ForeignKey(
        "core.OutgoingMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    objects = region_scoped()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("role invitation")
        verbose_name_plural = _("role invitations")

    def __str__(self):
        return f"{self.email} — {self.get_role_display()}, {self.organisation} ({self.region})"

    @staticmethod
    def hash_token(token: str) -> str:
        """The stored form of a link's token. An invitation is found by this hash (a unique
        index), so the lookup's timing tells nothing about any stored token."""
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.withdrawn_at:
            return InvitationStatus.WITHDRAWN
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    def clean(self):
        Membership(region=self.region, organisation=self.organisation).clean()
