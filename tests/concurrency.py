"""Sending the same request from several clients at the same moment, each in its own thread and
database connection, as a double click or two people do. Only PostgreSQL shows the race: SQLite
serialises every writer."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs parallel connections with row locks (SQLite serialises writers).",
)


def at_once(user, requests):
    """POST each (url, data) as `user` from its own client at the same moment; the responses
    (or the exception a request raised) in the same order."""
    barrier = threading.Barrier(len(requests), timeout=30)
    responses = [None] * len(requests)

    def post(index, address, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            responses[index] = client.post(address, data)
        except Exception as error:  # a server error fails the caller's assertions
            responses[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(i, address, data))
        for i, (address, data) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses
