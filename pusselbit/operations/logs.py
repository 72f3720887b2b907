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
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            self._log(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            _request_id.reset(token)

    def _log(self, request, status: int, seconds: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else ""
        if view in QUIET and status == 200:
            return
        user = getattr(request, "user", None)
        kwargs = match.kwargs if match else {}
        logger.info(
            "%s %s %s",
            request.method,
            match.route if match else "",
            status,
            extra={
                "method": request.method,
                "route": match.route if match else None,
                "view": view or None,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "region": kwargs.get("region_slug") or kwargs.get("region"),
            },
        )
