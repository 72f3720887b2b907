"""The request log: one line per request with ids only, and the request id on every line
logged while the request runs."""

import logging

import pytest

from pusselbit.operations.logs import RequestIdFilter

pytestmark = pytest.mark.django_db


def _lines(caplog):
    return [record for record in caplog.records if record.name == "pusselbit.requests"]


def test_a_signed_in_request_is_logged_by_ids_and_route(client, alice, blekinge, caplog):
    client.force_login(alice)
    with caplog.at_level(logging.INFO, logger="pusselbit.requests"):
        response = client.get("/regioner/blekinge/sok/?q=Anna+Andersson+personnummer")
    (line,) = _lines(caplog)
    assert response.status_code == 200
    assert (line.method, line.route, line.status, line.user_id, line.region) == (
        "GET",
        "regioner/<slug:region_slug>/sok/",
        200,
        alice.pk,
        "blekinge",
    )
    assert line.request_id == response["X-Request-ID"]
    assert len(line.request_id) == 32
    assert line.duration_ms > 0
    # What was searched for, and who the user is by name, stay out of the log.
    logged = repr(vars(line))
    assert "Anna" not in logged and "alice" not in logged


def test_a_token_in_the_address_is_not_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="pusselbit.requests"):
        client.get("/konto/nytt-losenord/MQ/secret-reset-token-4711/")
    (line,) = _lines(caplog)
    assert "secret-reset-token-4711" not in repr(vars(line))


@pytest.mark.parametrize(
    ("given", "kept"),
    [("lb-4711.a_b", True), ("", False), ("x" * 65, False), ("bad id\nforged line", False)],
)
def test_the_load_balancers_request_id_is_kept_only_when_sane(client, caplog, given, kept):
    with caplog.at_level(logging.INFO, logger="pusselbit.requests"):
        response = client.get("/tillganglighet/", headers={"X-Request-ID": given})
    assert (response["X-Request-ID"] == given) is kept
    assert _lines(caplog)[0].request_id == response["X-Request-ID"]


def test_the_health_checks_are_logged_only_when_they_fail(client, caplog):
    with caplog.at_level(logging.INFO, logger="pusselbit.requests"):
        client.get("/health/live")
        client.get("/health/ready")
    assert _lines(caplog) == []


def test_a_line_outside_a_request_has_an_empty_request_id():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert RequestIdFilter().filter(record) and record.request_id == ""
