"""Signing in and out: Django's password sign-in beside each region's organisation logins."""

from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from pusselbit.core.forms import add_errors
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_with

from . import sso
from .domain.sso import add_identity_provider, change_identity_provider
from .forms import LoginForm
from .models import IdentityProvider
from .sso_forms import IdentityProviderForm, NewIdentityProviderForm


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


# The region administrator's pages: the region's organisation logins.

MANAGE = "accounts.manage_identity_providers"


@login_required
def identity_providers(request, region_slug):
    region = region_with(request, region_slug, MANAGE)
    form = NewIdentityProviderForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            provider = add_identity_provider(
                region,
                actor=request.user,
                slug=data["slug"],
                protocol=data["protocol"],
                submission=form.submission_key,
                **form.changes(),
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(
                request, sent, lambda target: redirect(_detail(region, target))
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": provider.name})
            return redirect(_detail(region, provider))
    return render(
        request,
        "accounts/identity_providers.html",
        {
            "region": region,
            "providers": IdentityProvider.objects.filter(region=region).order_by("name"),
            "form": form,
        },
    )


def _detail(region, provider) -> str:
    return reverse("accounts:identity_provider", args=[region.slug, provider.pk])


@login_required
def identity_provider(request, region_slug, pk):
    """One organisation login: what the identity provider's administrators register, and its
    settings."""
    region, provider = object_in_region(request, region_slug, _provider_in, pk, perm=MANAGE)
    form = IdentityProviderForm(request.POST or None, instance=provider)
    if form.is_valid():
        try:
            change_identity_provider(provider, actor=request.user, **form.changes())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The sign-in settings are saved."))
            return redirect(_detail(region, provider))
    provider.refresh_from_db()
    return render(
        request,
        "accounts/identity_provider.html",
        {
            "region": region,
            "provider": provider,
            "form": form,
            "registration": sso.registration(request, provider),
        },
    )


def _provider_in(region, pk):
    return get_object_or_404(IdentityProvider, region=region, pk=pk)
