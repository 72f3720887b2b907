"""A page that fails is reported to the Sentry-compatible server named by SENTRY_DSN, with the
request's id, route and region, and without the address's query string, form data, cookies or
anything else personal. The server here is a plain HTTP server on 127.0.0.1 that keeps what
the SDK sends (Sentry's envelope protocol), as self-hosted Sentry or GlitchTip would."""

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest

from tests.operations.test_serve import _free_port, _get, serving


class Envelopes(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802  (the standard library's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # the SDK's choice when brotli is installed (WeasyPrint's fonts)
            body = brotli.decompress(body)
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                self.received.append(json.loads(payload))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    Envelopes.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def test_a_failing_page_is_reported_with_ids_only(environment, sentry):
    environment["SENTRY_DSN"] = f"http://publickey@127.0.0.1:{sentry.server_port}/1"
    environment["SENTRY_ENVIRONMENT"] = "test"
    port = _free_port()
    with serving(environment, port) as base:
        # No tables in this database: the public region page fails.
        status, headers, _ = _get(
            f"{base}/insyn/blekinge/satsningar/?q=Anna+Andersson",
            {"X-Request-ID": "fel-1", "Cookie": "sessionid=secret-session"},
        )
        assert status == 500
        deadline = time.monotonic() + 20
        while not Envelopes.received and time.monotonic() < deadline:
            time.sleep(0.2)
    # Each failure is one event: the page's and, as the response passes the session
    # middleware, the session's (which the database cannot read either).
    events = Envelopes.received
    assert events
    for event in events:
        assert event["exception"]["values"][-1]["type"] == "OperationalError"
        assert event["environment"] == "test"
        assert event["tags"] == {"request_id": "fel-1"}  # failed before the view: no route yet
        assert event["transaction"] == "/insyn/{region}/satsningar/"
        assert event["request"] == {"method": "GET"}
        assert "user" not in event
        frames = [f for v in event["exception"]["values"] for f in v["stacktrace"]["frames"]]
        assert not any("vars" in frame for frame in frames)
    sent = json.dumps(events)
    for personal in ("Anna", "secret-session", "/insyn/blekinge/"):
        assert personal not in sent
