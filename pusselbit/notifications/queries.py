from pusselbit.accounts.rules import regions_of
from pusselbit.core.scoping import scope

from .models import Notification


def notifications_of(user):
    """The user's own notices, newest first, in the regions of the current scope."""
    return Notification.objects.filter(recipient=user).select_related("region")


def unread_count(user) -> int:
    """The user's unread notices in every region they work in, whichever page asks (a region's
    page is scoped to that region alone): one COUNT, as the user's regions come with the roles
    the request keeps."""
    if not user.is_authenticated:
        return 0
    with scope(region=[region.pk for region in regions_of(user)]):
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


RECENT = 5


def recent_of(user, *, count: int = RECENT) -> list[Notification]:
    """The user's newest `count` notices in every region they work in (the start page asks
    outside any region's scope): one query."""
    with scope(region=[region.pk for region in regions_of(user)]):
        return list(notifications_of(user).order_by("-created_at", "-pk")[:count])
