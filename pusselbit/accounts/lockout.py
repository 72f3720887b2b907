"""Sign-in throttling: the pieces django-axes asks the project for (see AXES_* in settings).

Axes counts failed sign-ins per account and per address and refuses both once the limit is
reached; these say whose address a request comes from, what a refused person sees, and which
failures a successful sign-in clears."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render


def client_address(request) -> str | None:
    """The browser's address. Behind our reverse proxy it is the last entry of X-Forwarded-For:
    the proxy appends the address it was reached from, while the entries before it are whatever
    the browser sent and could be made up to dodge the per-address count."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


class SignInAttempts(AxesDatabaseHandler):
    """Axes' database handler, except that a successful sign-in clears only the failures of the
    account that signed in. Axes would also clear every failure from the address, so anyone with
    an account of their own could wipe the count of their guesses at other accounts by signing
    in between them."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def locked_out(request, original_response=None, credentials=None):
    """The page instead of the sign-in form while the account or the address is locked. It reads
    the same whichever is locked and whether the account exists at all, so it tells a guesser
    nothing about the accounts; 429 says "too many requests" to scripts too."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
