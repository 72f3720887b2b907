"""Signing in and out: Django's password sign-in beside each region's organisation logins."""

from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from . import sso
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    """The sign-in page: "Sign in with <organisation>" for every region's organisation logins,
    grouped by region, and the password form where the installation keeps local accounts."""

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

    def get(self, request, *args, **kwargs):
        self.providers = sso.active_providers()
        response = super().get(request, *args, **kwargs)
        # The buttons' forms are sent on to the providers: the page's policy names them.
        origins = sorted({origin for p in self.providers if (origin := sso.sign_in_origin(p))})
        if origins:
            response._csp_update = {"form-action": origins}
        return response

    def form_invalid(self, form):
        self.providers = sso.active_providers()
        return super().form_invalid(form)

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_ACCOUNTS:
            messages.error(request, _("Sign in with your organisation's login."))
            return HttpResponseRedirect(request.get_full_path())
        return super().post(request, *args, **kwargs)


@csrf_protect
@require_POST
def logout_view(request):
    """End the local session, then the organisation login's where the protocol allows it (the
    address was noted when the session signed in, see accounts.sso.AccountAdapter)."""
    end_session = request.session.get(sso.END_SESSION_KEY)
    logout(request)
    return HttpResponseRedirect(end_session or resolve_url(settings.LOGOUT_REDIRECT_URL))


def account_inactive(request):
    return render(
        request, "socialaccount/authentication_error.html", {"inactive": True}, status=403
    )
