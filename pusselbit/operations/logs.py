"""One log line per request, and every log line of a request marked with its id.

What a region's monitoring reads (as JSON with PUSSELBIT_LOG_FORMAT=json, settings.LOGGING):
the request id (the load balancer's X-Request-ID when it sends a sane one, else a new one,
returned in the response), the user's id, the region in the address, the status and the
duration. Nothing personal beyond ids: the address is logged as its route
(`regioner/<slug:region_slug>/satsningar/<int:pk>/`), since a path may carry an invitation's
or a password reset's token and a query string what someone searched for."""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings

from . import errors

logger = logging.getLogger("pusselbit.requests")

_request_id: ContextVar[str] = ContextVar("request_id", default="")
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Asked every few seconds by each load balancer: a line only when not answered 200.
QUIET = {"operations:live", "operations:ready"}


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (empty outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = _request_id.set(request.id)
        if settings.SENTRY_DSN:
            errors.describe(request_id=request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            self._log(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            _request_id.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SENTRY_DSN:
            ids = _ids(request, user=False)
            errors.describe(route=ids["route"], region=ids["region"])

    def process_exception(self, request, exception):
        # Before Django turns the exception into a 500 page and the error reporter sends it.
        if settings.SENTRY_DSN:
            errors.describe(user_id=_ids(request)["user_id"])

    def _log(self, request, status: int, seconds: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else ""
        if view in QUIET and status == 200:
            return
        ids = _ids(request)
        logger.info(
            "%s %s %s",
            request.method,
            ids["route"] or "",
            status,
            extra={
                "method": request.method,
                "route": ids["route"],
                "view": view or None,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": ids["user_id"],
                "region": ids["region"],
            },
        )


def _ids(request, *, user: bool = True) -> dict:
    """What may be told of a request: its route, region and user, by ids only."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    user = getattr(request, "user", None) if user else None
    try:
        user_id = user.pk if user is not None and user.is_authenticated else None
    except Exception:  # noqa: BLE001
        # A request that failed on the database (or its session) cannot tell who asked; its
        # line is still written.
        user_id = None
    return {
        "route": match.route if match else None,
        "region": kwargs.get("region_slug") or kwargs.get("region"),
        "user_id": user_id,
    }
