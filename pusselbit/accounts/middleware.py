from django.utils.cache import patch_cache_control

from .rules import remember_roles


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
