"""The one permission style: rules are django-rules predicates in each app's rules.py, and they
are checked through these two — `require` in domain functions, `check` in views."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(actor, perm: str, obj) -> None:
    """Refuse unless `actor` has the rule on `obj`. `actor=None` is the system itself (the demo,
    a management command, a task), which acts on no one's roles."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Your roles do not allow this."))


def check(request, perm: str, obj) -> None:
    """A 403 unless the signed-in user has the rule on `obj`."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
