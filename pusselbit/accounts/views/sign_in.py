"""Signing in with a password, and the code after it for an account with two-step
verification. Django's LoginView checks the password (django-axes refusing a locked-out account
or address first); for an account with an authenticator app it does not sign in yet but keeps
who is signing in, and where to go after, in the session for a few minutes, and the code page
(second_step) signs in once the code is right. A wrong code counts as a failed sign-in for
the lockout, so codes cannot be guessed without end."""

import logging
import time
import urllib.error
from functools import wraps
from itertools import groupby

import django_otp
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from onelogin.saml2.errors import OneLogin_Saml2_Error

from .. import sso
from ..domain.two_factor import check_code, has_two_factor
from ..forms import CodeForm, LoginForm
from ..lockout import locked_out
from ..models import User

logger = logging.getLogger(__name__)

PENDING = "pusselbit_sign_in_pending"


class SignInView(auth_views.LoginView):
    """Django's sign-in page: "Sign in with <organisation>" for every region's organisation
    logins, grouped by region, and the password form where the installation keeps local
    accounts. The password alone signs in only an account without two-step verification."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["providers_by_region"] = [
            (region, list(providers))
            for region, providers in groupby(self.providers, key=lambda p: p.region)
        ]
        context["local_accounts"] = settings.LOCAL_ACCOUNTS
        return context

    def render_to_response(self, context, **response_kwargs):
        """The page, first shown or again with a wrong password: its organisation-login
        buttons' forms are sent on to the providers, so its policy names their origins."""
        response = super().render_to_response(context, **response_kwargs)
        origins = sorted({origin for p in self.providers if (origin := sso.sign_in_origin(p))})
        if origins:
            response._csp_update = {"form-action": origins}
        return response

    def dispatch(self, request, *args, **kwargs):
        self.providers = sso.active_providers()
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_ACCOUNTS:
            messages.error(request, _("Sign in with your organisation's login."))
            return HttpResponseRedirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if not has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return redirect("login_code")


def _pending(request) -> dict | None:
    """Who passed the password step in this session, if it was within the last minutes."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("since", 0) > settings.TWO_FACTOR_PENDING_SECONDS:
        del request.session[PENDING]
        return None
    return pending


def second_step(request):
    """The code after the password: from the app, or a recovery code."""
    pending = _pending(request)
    user = pending and User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        messages.info(request, _("Signing in took too long. Enter your password again."))
        return redirect("login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        del request.session[PENDING]
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = check_code(user, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
            # Counted by django-axes like a wrong password; its middleware shows the lockout
            # page instead of this one once the limit is reached.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(pending["next"])
    return render(request, "registration/login_code.html", {"form": form})


@csrf_protect
@require_POST
def sign_out(request):
    """End the local session, then the organisation login's where the protocol allows it (the
    address was noted when the session signed in, see accounts.sso.AccountAdapter)."""
    end_session = request.session.get(sso.END_SESSION_KEY)
    logout(request)
    return HttpResponseRedirect(end_session or resolve_url(settings.LOGOUT_REDIRECT_URL))


def account_inactive(request):
    """allauth's answer for a turned-off account signing in through an organisation login."""
    return render(
        request, "socialaccount/authentication_error.html", {"inactive": True}, status=403
    )


def provider_unreachable_is_a_page(view):
    """allauth's view, answering a provider that cannot be reached (its configuration or
    metadata address down, unknown or not answering) with a page that says so, not a server
    error."""

    @wraps(view)
    def answering(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (requests.RequestException, OneLogin_Saml2_Error, urllib.error.URLError):
            logger.warning("An identity provider could not be reached", exc_info=True)
            return render(
                request,
                "socialaccount/authentication_error.html",
                {"unreachable": True},
                status=503,
            )

    return answering
