"""What SQLite lacks that the product relies on.

SQLite's own lower() (and LIKE, which `icontains` uses) folds only ASCII letters, so a search
for "Ångest" misses "ångest". Each SQLite connection gets a lower() that folds as Python does
(å/ä/ö and every other letter); searches compare Lower(column) with the lowered text, which
PostgreSQL's lower() does the same way already."""

from django.db.backends.signals import connection_created


def _lower(value):
    return None if value is None else str(value).lower()


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("lower", 1, _lower, deterministic=True)


def register() -> None:
    connection_created.connect(_register_sqlite_functions, dispatch_uid="pusselbit-sqlite-lower")
