"""Single sign-on: each region's identity providers (IdentityProvider rows) as django-allauth's
"apps", and the rules allauth follows for them.

Why django-allauth: it is the best-kept Django library that speaks both protocols the regions
use — OpenID Connect (Entra ID, Inera) with PKCE, and SAML 2.0 through OneLogin's python3-saml
(signed AuthnRequests, signed assertions, IdP metadata) — and it keeps one provider per
organisation as data, so a region adds its own without a deploy. allauth is used for that alone
(SOCIALACCOUNT_ONLY): passwords, their reset and lockout stay with Django and django-axes.

What Pusselbit decides, not allauth:
- Whose account a first sign-in may become: only an account of the provider's own region (one
  created for it, or holding roles there alone), never a platform operator's, and only when the
  region says its provider vouches for e-mail addresses. Otherwise a new account without roles
  is made for the region, whose administrators give it roles.
- A deactivated account is refused with the same page as any other refusal."""

import logging
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from pusselbit.core.scoping import scopes_disabled

from .domain import sso as sso_domain
from .models import IdentityProvider

logger = logging.getLogger(__name__)

# Where the session's organisation login ends its own session (noted at sign-in).
END_SESSION_KEY = "pusselbit_sso_end_session"

# The attributes Swedish federations release (SWAMID's and Sweden Connect's names are OIDs),
# then the plain names some IdPs use. allauth takes the first one present.
SAML_ATTRIBUTES = {
    "uid": [
        "urn:oasis:names:tc:SAML:attribute:subject-id",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",  # eduPersonPrincipalName
    ],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "mail",
        "email",
    ],
    "first_name": [
        "urn:oid:2.5.4.42",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "givenName",
    ],
    "last_name": [
        "urn:oid:2.5.4.4",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "sn",
    ],
}


def idp_settings(provider: IdentityProvider, *, snapshot: bool = False) -> dict:
    """allauth's `idp` settings of a SAML provider: the metadata address (allauth fetches and
    caches it), or the entity, certificate and addresses read from the metadata file. With
    `snapshot`, always from the metadata as it was read when the provider was saved."""
    if provider.metadata_url and not snapshot:
        return {"entity_id": provider.idp_entity_id, "metadata_url": provider.metadata_url}
    parsed = OneLogin_Saml2_IdPMetadataParser.parse(
        provider.metadata_xml, entity_id=provider.idp_entity_id or None
    )["idp"]
    settings = {
        "entity_id": parsed["entityId"],
        "x509cert": parsed.get("x509cert")
        or parsed.get("x509certMulti", {}).get("signing", [""])[0],
        "sso_url": parsed["singleSignOnService"]["url"],
    }
    if slo := parsed.get("singleLogoutService", {}).get("url"):
        settings["slo_url"] = slo
    return settings


def social_app(provider: IdentityProvider) -> SocialApp:
    """The allauth app for `provider`, never saved: the row is the one source."""
    common = {
        "region": provider.region_id,
        "verified_email": provider.trusts_email,
        "email_authentication": provider.trusts_email,
    }
    if provider.protocol == IdentityProvider.Protocol.OPENID_CONNECT:
        return SocialApp(
            provider=provider.protocol,
            provider_id=provider.slug,
            name=provider.name,
            client_id=provider.client_id,
            secret=provider.client_secret,
            settings={**common, "server_url": provider.server_url, "oauth_pkce_enabled": True},
        )
    return SocialApp(
        provider=provider.protocol,
        provider_id=provider.slug,
        name=provider.name,
        client_id=provider.slug,
        settings={
            **common,
            "idp": idp_settings(provider),
            "attribute_mapping": SAML_ATTRIBUTES,
            "advanced": {
                "strict": True,
                # An assertion without a valid signature is refused, signed message or not.
                "want_assertion_signed": True,
                "reject_deprecated_algorithm": True,
                "authn_request_signed": provider.sign_requests,
                "x509cert": provider.sp_certificate,
                "private_key": provider.sp_private_key,
            },
        },
    )


def active_providers():
    """Every region's providers offered on the sign-in page, with their region. The sign-in
    page is before any region is chosen, so it looks across them: the names are public."""
    with scopes_disabled():
        return list(
            IdentityProvider.objects.filter(is_active=True)
            .select_related("region")
            .order_by("region__name", "name")
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        with scopes_disabled():
            rows = IdentityProvider.objects.filter(is_active=True).select_related("region")
            if provider in IdentityProvider.Protocol.values:
                rows = rows.filter(protocol=provider)
            elif provider:
                rows = rows.filter(slug=provider)
            apps = [social_app(row) for row in rows]
        if client_id:
            apps = [app for app in apps if app.client_id == client_id]
        return apps

    def authenticate_by_email(self, sociallogin):
        """Link only to an account of the provider's region (see the module's docstring)."""
        if not sociallogin.provider.app.settings.get("email_authentication"):
            return None
        region_id = sociallogin.provider.app.settings["region"]
        for address in sociallogin.email_addresses:
            if address.verified:
                user = sso_domain.account_to_link(address.email, region_id)
                if user is not None:
                    return user, address.email
        return None

    def pre_social_login(self, request, sociallogin):
        user = sociallogin.user
        if sociallogin.is_existing and not user.is_active:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "socialaccount/authentication_error.html",
                    {"inactive": True},
                    status=403,
                )
            )
        if sociallogin.is_existing and sociallogin.account.pk is None:
            sso_domain.link_account(user, sociallogin, provider=_row(sociallogin))

    def is_open_for_signup(self, request, sociallogin):
        return True

    def save_user(self, request, sociallogin, form=None):
        def save():
            return super(SocialAccountAdapter, self).save_user(request, sociallogin, form)

        return sso_domain.create_account(sociallogin, save, provider=_row(sociallogin))


def _row(sociallogin) -> IdentityProvider:
    with scopes_disabled():
        return IdentityProvider.objects.select_related("region").get(
            slug=sociallogin.provider.app.provider_id
        )


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def sign_in_origin(provider: IdentityProvider) -> str | None:
    """Where the sign-in page's button for `provider` leads the browser: the OpenID provider's
    host, or the SAML IdP's single sign-on address from its metadata."""
    if provider.protocol == IdentityProvider.Protocol.OPENID_CONNECT:
        return origin_of(provider.server_url)
    try:
        return origin_of(idp_settings(provider, snapshot=True).get("sso_url", ""))
    except Exception:  # metadata that cannot be read: the button's sign-in will say so
        return None


def end_session_url(request, provider: IdentityProvider) -> str | None:
    """Where the OpenID Connect provider ends its own session (RP-initiated logout), sending
    the browser back to the sign-in page; None where it offers none or cannot be reached.
    SAML single logout is not offered: allauth does not start it, and Swedish federations do
    not count on it."""
    if provider.protocol != IdentityProvider.Protocol.OPENID_CONNECT:
        return None
    try:
        config = OpenIDConnectOAuth2Adapter(request, provider.slug).openid_config
    except Exception:  # the provider is down: the local session will end all the same
        logger.warning("Could not read the end-session address of %s", provider.slug)
        return None
    endpoint = config.get("end_session_endpoint")
    if not endpoint:
        return None
    query = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url("login")),
    }
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


def registration(request, provider: IdentityProvider) -> list[tuple[str, str]]:
    """What the identity provider's administrators register for Pusselbit, as (what, value)."""
    if provider.protocol == IdentityProvider.Protocol.OPENID_CONNECT:
        callback = reverse("openid_connect_callback", kwargs={"provider_id": provider.slug})
        return [
            (_("Redirect URI"), request.build_absolute_uri(callback)),
            (_("Sign-out redirect URI"), request.build_absolute_uri(resolve_url("login"))),
        ]
    metadata = reverse("saml_metadata", kwargs={"organization_slug": provider.slug})
    acs = reverse("saml_acs", kwargs={"organization_slug": provider.slug})
    return [
        (_("SP metadata"), request.build_absolute_uri(metadata)),
        (_("Entity ID"), request.build_absolute_uri(metadata)),
        (_("Assertion consumer service (HTTP-POST)"), request.build_absolute_uri(acs)),
        (_("Signing certificate"), provider.sp_certificate),
    ]


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up happens only through single sign-on (SOCIALACCOUNT_ONLY): allauth has no local
    sign-up of its own here; local accounts come from a region's administrator or invitation."""

    def is_open_for_signup(self, request):
        return True

    def post_login(self, request, user, **kwargs):
        """Note where signing out ends the organisation login's session too."""
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if sociallogin is not None:
            provider = _row(sociallogin)
            if url := end_session_url(request, provider):
                request.session[END_SESSION_KEY] = url
        return super().post_login(request, user, **kwargs)
