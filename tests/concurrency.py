"""Doing the same thing from several threads at the same moment, each in its own database
connection, as a double click, two people or two workers do. Only PostgreSQL shows the race:
SQLite serialises every writer."""

import contextvars
import threading

import pytest
from django.db import connection, connections
from django.test import Client

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs parallel connections with row locks (SQLite serialises writers).",
)


def all_at_once(calls):
    """Run each of `calls` in its own thread, all released at the same moment; their results
    (or the exception one raised) in the same order. Each thread runs in a copy of the caller's
    context: a new thread starts with none, so the caller's region scope (the test's
    scopes_disabled, as the task worker's) would be lost and every scoped query refused."""
    barrier = threading.Barrier(len(calls), timeout=30)
    results = [None] * len(calls)
    contexts = [contextvars.copy_context() for _ in calls]  # one each: a context runs once

    def run(index, call):
        try:
            barrier.wait()
            results[index] = contexts[index].run(call)
        except Exception as error:  # the caller's assertions fail on it
            results[index] = error
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def at_once(user, requests):
    """POST each (url, data) as `user` from its own client at the same moment; the responses
    (or the exception a request raised) in the same order."""

    def sender(address, data):
        client = Client()
        client.force_login(user)
        return lambda: client.post(address, data)

    return all_at_once([sender(address, data) for address, data in requests])
