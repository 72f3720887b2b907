"""Errors as `application/problem+json` (RFC 9457), as DIGG's REST API profile asks: every
error of the API, whether from a parameter that does not validate, a missing token, a rule of
the domain or a record withheld under the secrecy act, has the same shape. The title is in the
language the client asked for (Accept-Language), the status repeats the HTTP status."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from .schemas import Out

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"


class Invalid(Out):
    """One parameter or field that did not validate."""

    name: str = Field(description="The parameter or field, e.g. `limit` or `value`.")
    reason: str = Field(description="What is wrong with it.")


class Problem(Out):
    type: str = Field("about:blank", description="A URI naming the kind of problem.")
    title: str = Field(description="A short, human-readable summary.", examples=["Not found"])
    status: int = Field(description="The HTTP status code.", examples=[404])
    detail: str | None = Field(None, description="What happened in this case.")
    instance: str | None = Field(None, description="The address that was asked for.")
    invalid_params: list[Invalid] | None = Field(
        None, description="The parameters or fields that did not validate."
    )
    withheld_on: str | None = Field(
        None, description="For 451: the date the region withheld the record (YYYY-MM-DD)."
    )


class Withheld(Exception):
    """A record the region withholds from the public (offentlighets- och sekretesslagen): the
    answer is 451 with the reason, as the public page shows the notice with its reason."""

    def __init__(self, reason: str, withheld_on):
        self.reason, self.withheld_on = reason, withheld_on


def problem(request, status: int, title: str, detail: str | None = None, **extra) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extra)
    response = JsonResponse(
        body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="pusselbit"'
    return response


def _location(loc) -> str:
    """A pydantic error's location without where it came from: ("query", "limit") -> limit."""
    parts = [str(part) for part in loc if part not in ("query", "path", "body", "payload")]
    return ".".join(parts) or "request"


def install(api) -> None:
    """Make each kind of error the API can meet a problem response."""

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        params = [{"name": _location(e["loc"]), "reason": e["msg"]} for e in exc.errors]
        return problem(
            request, 400, _("Invalid request"), _("See invalidParams."), invalidParams=params
        )

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        if hasattr(exc, "error_dict"):
            params = [
                {"name": name, "reason": " ".join(messages)}
                for name, messages in exc.message_dict.items()
            ]
        else:
            params = [{"name": "request", "reason": " ".join(exc.messages)}]
        return problem(
            request, 400, _("Invalid request"), " ".join(exc.messages), invalidParams=params
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem(
            request,
            401,
            _("Not authenticated"),
            _("Send a valid API token: Authorization: Bearer <token>."),
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(request, 403, _("Forbidden"), str(exc) or None)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(request, 404, _("Not found"))

    @api.exception_handler(Withheld)
    def withheld(request, exc):
        return problem(
            request,
            451,
            _("Withheld from the public"),
            exc.reason,
            withheldOn=exc.withheld_on.isoformat(),
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(request, exc.status_code, str(exc))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # Logged with its traceback (the error e-mail and the log see it); the client learns
        # nothing of the inside.
        log.exception("API error at %s", request.path)
        return problem(request, 500, _("Server error"), _("The error has been logged."))


def not_found_view(request, rest=""):
    """Any other address under /api/v1/: a problem, not the site's HTML page."""
    return problem(request, 404, _("Not found"), _("There is no such resource in the API."))
