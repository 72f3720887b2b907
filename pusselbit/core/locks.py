"""Who is working on something right now, asked of the database rather than of a row's status.

A status column says what a process set, not whether that process still lives: a worker killed
mid-task leaves "running" behind it for ever. A PostgreSQL advisory lock held by the working
session is released by the server the moment that session ends, however it ends (a killed
process's connection closes at once; a lost machine's when the server's TCP keepalive gives up,
`tcp_keepalives_idle` in postgresql.conf, README), so a second
worker that gets the lock knows the first is gone and may take over its work.

SQLite (the embedded, single-machine installation) has no such locks: there `working_on`
answers None, "cannot tell", and callers keep to what the row says."""

import hashlib
from contextlib import contextmanager

from django.db import connection


def _key(namespace: str, pk: int) -> int:
    # One signed 64-bit key per (namespace, pk): pks may themselves use all 64 bits.
    digest = hashlib.blake2b(f"{namespace}:{pk}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def working_on(namespace: str, pk: int):
    """Hold the lock on (namespace, pk) for the block, if no other live session holds it.
    Yields True when this session holds it, False when another one does, None where the
    database cannot tell. Held by the session, not a transaction: commits inside the block
    keep it; it is released when the block ends, or with the connection."""
    if connection.vendor != "postgresql":
        yield None
        return
    key = _key(namespace, pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
