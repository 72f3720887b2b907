"""Signing in and out: Django's password sign-in beside each region's organisation logins."""

import logging
from itertools import groupby
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from .forms import LoginForm
from .models import IdentityProvider
from .sso import active_providers

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """The sign-in page: "Sign in with <organisation>" for every region's organisation logins,
    grouped by region, and the password form where the installation keeps local accounts."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["providers_by_region"] = [
            (region, list(providers))
            for region, providers in groupby(active_providers(), key=lambda p: p.region)
        ]
        context["local_accounts"] = settings.LOCAL_ACCOUNTS
        return context

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_ACCOUNTS:
            messages.error(request, _("Sign in with your organisation's login."))
            return HttpResponseRedirect(request.get_full_path())
        return super().post(request, *args, **kwargs)


def _signed_in_through(request) -> IdentityProvider | None:
    """The provider the session signed in through, if it did (allauth keeps the record)."""
    for record in reversed(get_authentication_records(request, request.user)):
        if record.get("method") == "socialaccount":
            return next((p for p in active_providers() if p.slug == record.get("provider")), None)
    return None


def _end_session_url(request, provider: IdentityProvider) -> str | None:
    """Where the OpenID Connect provider ends its own session (RP-initiated logout), sending
    the browser back to the sign-in page; None where it offers none or cannot be reached.
    SAML single logout is not offered: allauth does not start it, and Swedish federations do
    not count on it."""
    if provider.protocol != IdentityProvider.Protocol.OPENID_CONNECT:
        return None
    try:
        config = OpenIDConnectOAuth2Adapter(request, provider.slug).openid_config
    except Exception:  # the provider is down: the local session ends all the same
        logger.warning("Could not read the end-session address of %s", provider.slug, exc_info=True)
        return None
    endpoint = config.get("end_session_endpoint")
    if not endpoint:
        return None
    query = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url("login")),
    }
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


@csrf_protect
@require_POST
def logout_view(request):
    """End the local session, then the provider's where the protocol allows it."""
    provider = _signed_in_through(request)
    logout(request)
    end_session = _end_session_url(request, provider) if provider else None
    return HttpResponseRedirect(end_session or resolve_url(settings.LOGOUT_REDIRECT_URL))


def account_inactive(request):
    return render(
        request, "socialaccount/authentication_error.html", {"inactive": True}, status=403
    )
