"""Errors reported to a Sentry-compatible server (self-hosted Sentry or GlitchTip, so the data
stays in Sweden) when SENTRY_DSN is set; see settings.py.

What leaves the installation is what an operator needs to find the fault and nothing personal
beyond ids: the exception and its stack, the request's id, route, region and user id. The
address, its query string (what someone searched for), the form data, cookies and headers are
removed before sending (`send_default_pii` is off as well, which keeps out addresses and
names that the SDK would otherwise add), and so are the stack frames' local variables."""

import sentry_sdk

KEPT_REQUEST = {"method"}


def init(dsn: str, *, environment: str, release: str, traces_sample_rate: float) -> None:
    # Imported here, not at the top of settings: only an installation that reports errors
    # loads the integration.
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        # A stack frame's variables hold what the code was working on: names, personal
        # identity numbers, a query's parameters. The stack itself is enough to find a fault.
        include_local_variables=False,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
    )


def scrub(event: dict, hint: dict) -> dict:
    request = event.get("request")
    if request:
        event["request"] = {key: value for key, value in request.items() if key in KEPT_REQUEST}
    event.pop("user", None)
    user_id = event.get("tags", {}).get("user_id")
    if user_id:
        event["user"] = {"id": user_id}
    return event


def describe(**ids) -> None:
    """Marks what is reported if the request fails (request_id, route, region, user_id; those
    given), in the request's own scope."""
    scope = sentry_sdk.get_isolation_scope()
    for name, value in ids.items():
        if value is not None and value != "":
            scope.set_tag(name, str(value))
