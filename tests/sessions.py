"""A second PostgreSQL session on the test database, beside Django's own: what another worker
holds (an advisory lock, core.locks) is held by another session."""

import psycopg
from django.db import connection


def other_session() -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )
