from contextlib import ExitStack

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from pusselbit.core.scoping import scope

from .admin_scoping import admin_scope
from .domain.two_factor import has_two_factor
from .rules import regions_of, remember_roles, two_factor_required
from .sso import END_SESSION_KEY, origin_of


class PrivateToSignedInMiddleware:
    """Every response to a signed-in user is `Cache-Control: private, no-store`: it shows one
    person's view of a region, which no shared cache (a proxy, a CDN) may keep and hand to the
    next person, nor a browser on a shared computer store. Pages for the anonymous (the sign-in
    page, the accessibility statement) keep whatever caching they had."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RolesPerRequestMiddleware:
    """Reads the signed-in user's roles once per request for the permission rules, instead of
    once per rule asked (the initiative page asks dozens)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_roles(request.user)
        return self.get_response(request)


class RegionScopeMiddleware:
    """The one place a request enters its region scope (pusselbit.core.scoping): every view,
    and the rendering of its response, runs within it, so a query of a region-owned model sees
    only the regions the request may see, and one that escaped the scope raises.

    - An address with a region (`region_slug`) is scoped to that region, if it is one of the
      user's regions; any other is a 404, so another region's existence is not revealed (the
      anonymous get an empty scope instead, and the view sends them to sign in).
    - The admin is scoped to the regions the user administers. A superuser (the platform
      operator, who looks after every region and holds no role in most) sees all of them: the
      admin is the one place scoping is disabled within a request.
    - Every other page (the start page, sign-in, the accessibility statement) is scoped to the
      user's regions; the anonymous have none.

    Placed after RolesPerRequestMiddleware: the user's regions come from the roles it keeps,
    so the scope costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # process_view enters the scope once the address is resolved; it is left here, after
        # the response is rendered.
        with ExitStack() as stack:
            request._region_scope = stack
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._region_scope.enter_context(self._scope(request, view_kwargs))

    def _scope(self, request, view_kwargs):
        user = request.user
        slug = view_kwargs.get("region_slug")
        if slug is not None:
            region = next((r for r in regions_of(user) if r.slug == slug), None)
            if region is None:
                if not user.is_authenticated:
                    return scope(region=[])  # sees nothing; the view sends them to sign in
                raise Http404
            request.region = region
            return scope(region=region.pk)
        if request.resolver_match and request.resolver_match.namespace == "admin":
            return admin_scope(user)
        return scope(region=[region.pk for region in regions_of(user)])


class TwoFactorRequiredMiddleware:
    """Where a region requires two-step verification (accounts.models.SignInPolicy), a person
    who holds one of the roles it covers there, signed in with a password and has no
    authenticator app is sent to set one up before any other page. Sessions signed in through
    single sign-on are not: the organisation's login checks a second factor itself. Nor is a
    session that gave a code. The policy comes with the user's roles (accounts.rules), so the
    check costs no query unless it applies."""

    PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"
    # Besides the set-up pages themselves: what one may still do before setting it up.
    ALLOWED = {"logout", "set_language", "login", "login_code", "core:accessibility"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = request.session
        if (
            not request.user.is_authenticated
            or session.get(BACKEND_SESSION_KEY) != self.PASSWORD_BACKEND
            or DEVICE_ID_SESSION_KEY in session
        ):
            return None
        match = request.resolver_match
        if match.namespace == "two_factor" or match.view_name in self.ALLOWED:
            return None
        if not two_factor_required(request.user) or has_two_factor(request.user):
            return None
        messages.info(
            request,
            _("Your region requires two-step verification. Turn it on to go on."),
        )
        return redirect("two_factor:turn_on")


class SingleSignOutMiddleware:
    """A session that signed in through an OpenID Connect login signs out there too: the
    sign-out form on every page is sent on to the provider's end-session address, which the
    page's Content-Security-Policy (form-action) must then name. Placed after django-csp's
    middleware, so the policy is written with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and (url := session.get(END_SESSION_KEY)):
            update = getattr(response, "_csp_update", None) or {}
            update["form-action"] = [*update.get("form-action", []), origin_of(url)]
            response._csp_update = update
        return response
