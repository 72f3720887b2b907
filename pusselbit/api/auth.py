"""The API's authentication: `Authorization: Bearer <key>` with a region's API token
(models.ApiToken). The request then acts as the token's maker, within the token's region."""

import functools
from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

from pusselbit.accounts.rules import roles_in
from pusselbit.core.scoping import scope, scopes_disabled

from .domain import KEY_PREFIX, hash_key
from .models import ApiToken

# last_used_at is written at most this often per token, not on every request.
TOUCH_EVERY = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if not token.startswith(KEY_PREFIX) or len(token) > 100:
            return None
        with scopes_disabled():  # the token names its region; nothing is scoped yet
            found = (
                ApiToken.objects.usable()
                .select_related("region", "user")
                .filter(key_hash=hash_key(token))
                .first()
            )
            if found is None or not found.user.is_active:
                return None
            # The maker's roles are read now: a token of someone who has left the region, or
            # lost every role there, reaches nothing.
            if not roles_in(found.user, found.region):
                return None
            now = timezone.now()
            if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found


def in_token_region(view):
    """Run an operation within the token's region scope (the request's own scope, entered by
    the middleware before the token was read, is the anonymous one: empty)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with scope(region=request.auth.region_id):
            return view(request, *args, **kwargs)

    return wrapper
