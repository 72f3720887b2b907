from django.utils.functional import SimpleLazyObject

from pusselbit.accounts.rules import regions_of


def navigation(request):
    """The regions the user works within, for the menu: from the roles the rules read once per
    request (with their regions), so the menu costs no query of its own."""
    return {"nav_regions": SimpleLazyObject(lambda: regions_of(request.user))}
