from functools import cached_property

from .queries import unread_count


class _Unread:
    """The number of the user's unread notices, for the header's link: counted once, and only if
    the page shows it (`nav_unread.count`)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        return unread_count(self.user)


def unread(request):
    return {"nav_unread": _Unread(request.user)}
