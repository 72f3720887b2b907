from django.utils.functional import SimpleLazyObject

from pusselbit.organisations.models import Region


def navigation(request):
    """The regions the user works within, for the menu; queried only when a page uses it."""
    return {
        "nav_regions": SimpleLazyObject(
            lambda: list(Region.objects.for_user(request.user).order_by("name"))
        )
    }
