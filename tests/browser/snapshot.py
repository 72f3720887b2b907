"""The demo, built once for the browser tests and put back before each.

A browser test needs committed data (the live server reads it from another thread), so each
runs on a transactional database that is emptied after it; building the demo anew through the
domain functions cost about two seconds a test. The first test builds it; a copy of every
table is then kept in the same database (tables named `snapshot__<table>`, which Django's flush
does not know), and each later test gets the demo back by emptying the tables and copying the
rows back, in the database itself: no Python round trip, so every column type comes back as it
was. The copies are dropped at the end of the session."""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

PREFIX = "snapshot__"


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def take() -> list[str]:
    """Copy every table of the models, as it is now; the names of the tables copied."""
    quote = connection.ops.quote_name
    tables = _tables()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(PREFIX + table)}")
            cursor.execute(f"CREATE TABLE {quote(PREFIX + table)} AS SELECT * FROM {quote(table)}")
    return tables


def put_back(tables: list[str]) -> None:
    """Empty the tables and copy the kept rows back, with the keys they had; the sequences go on
    from the largest key (PostgreSQL; SQLite's follow the rows)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.constraint_checks_disabled():
        # Every table, as `flush` empties them: PostgreSQL truncates with CASCADE at once.
        for sql in connection.ops.sql_flush(no_style(), _tables(), allow_cascade=True):
            connection.cursor().execute(sql)
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(PREFIX + table)}")
        models = apps.get_models(include_auto_created=True)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            connection.cursor().execute(sql)


def drop(tables: list[str]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(PREFIX + table)}")
