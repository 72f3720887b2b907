"""Who works on something, asked of PostgreSQL: a session's advisory lock, which another
session cannot take while the first lives, and gets once it has let go or died."""

import pytest
from django.db import connection

from pusselbit.core.locks import _key, working_on
from tests.sessions import other_session

pytestmark = pytest.mark.django_db


def _taken_by_other(other, key) -> bool:
    got = other.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()[0]
    if got:
        other.execute("SELECT pg_advisory_unlock(%s)", [key])
    return not got


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_one_session_at_a_time_works_on_a_thing():
    key = _key("test.thing", 7)
    with other_session() as other:
        with working_on("test.thing", 7) as alone:
            assert alone is True
            assert _taken_by_other(other, key)
            assert not _taken_by_other(other, _key("test.thing", 8))
            with working_on("test.thing", 7) as again:
                # The same session asking again is granted it too (a lock is counted).
                assert again is True
        assert not _taken_by_other(other, key)
        other.execute("SELECT pg_advisory_lock(%s)", [key])
        with working_on("test.thing", 7) as alone:
            assert alone is False
    # The other session closed, and its lock went with it.
    with working_on("test.thing", 7) as alone:
        assert alone is True


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite cannot tell")
def test_sqlite_cannot_tell():
    with working_on("test.thing", 7) as alone:
        assert alone is None


def test_keys_use_all_64_bits_and_differ_by_namespace():
    assert _key("a", 2**62) != _key("b", 2**62)
    assert -(2**63) <= _key("a", 2**63 - 1) < 2**63
