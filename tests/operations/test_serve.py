"""`pusselbit serve` as an operator starts it: gunicorn with the repository's configuration,
the health endpoints answering a load balancer, one JSON log line per request."""

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextlib.contextmanager
def serving(environment, port, output=None):
    """`pusselbit serve` on 127.0.0.1:`port` until the block ends; its standard error is
    appended to `output` (a list) when given."""
    server = subprocess.Popen(
        [sys.executable, "-m", "pusselbit", "serve", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = _get(f"{base}/health/live")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        yield base
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
        if output is not None:
            output.append(stderr)


def test_serve_starts_gunicorn_and_answers_the_load_balancer(environment):
    port = _free_port()
    output = []
    with serving(environment, port, output) as base:
        # The database has no tables yet: alive, not ready.
        status, _, body = _get(f"{base}/health/ready")
        assert status == 503
        assert json.loads(body)["checks"]["migrations"]["ok"] is False
        status, headers, _ = _get(f"{base}/tillganglighet/", {"X-Request-ID": "lb-4711"})
        assert headers["X-Request-ID"] == "lb-4711"
    (stderr,) = output
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["logger"] == "pusselbit.requests"]
    assert [line["route"] for line in requests] == ["health/ready", "tillganglighet/"]
    assert requests[1] | {"time": "", "duration_ms": 0} == {
        "time": "",
        "level": "INFO",
        "logger": "pusselbit.requests",
        "message": "GET tillganglighet/ 200",
        "request_id": "lb-4711",
        "method": "GET",
        "route": "tillganglighet/",
        "view": "core:accessibility",
        "status": 200,
        "duration_ms": 0,
        "user_id": None,
        "region": None,
    }
    assert requests[1]["time"].startswith(time.strftime("%Y-"))
    assert "Booting worker" in stderr  # gunicorn's own lines, beside ours


def test_serve_refuses_debug(environment):
    environment["DEBUG"] = "1"
    finished = subprocess.run(
        [sys.executable, "-m", "pusselbit", "serve"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert finished.returncode != 0
    assert "DEBUG is on" in finished.stderr
