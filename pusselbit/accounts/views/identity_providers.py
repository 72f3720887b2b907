"""The region administrator's pages about the region's organisation logins (single sign-on):
add an OpenID Connect provider or a SAML IdP, see what its administrators register for
Pusselbit, change it. Every write goes through accounts.domain.sso."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_with

from .. import sso
from ..domain.sso import add_identity_provider, change_identity_provider
from ..models import IdentityProvider
from ..sso_forms import IdentityProviderForm, NewIdentityProviderForm

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
