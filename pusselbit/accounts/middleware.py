from .rules import remember_roles


class RolesPerRequestMiddleware:
    """Reads the signed-in user's roles once per request for the permission rules, instead of
    once per rule asked (the initiative page asks dozens)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_roles(request.user)
        return self.get_response(request)
