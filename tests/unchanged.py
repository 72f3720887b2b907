"""A refused request writes nothing: every table's row count is the same after it."""

from contextlib import contextmanager

from django.apps import apps

# Written by any request, refused or not: the session of the signed-in user, and django-axes'
# record of who asked.
BESIDE_THE_POINT = {"sessions", "axes"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in BESIDE_THE_POINT
    }


@contextmanager
def nothing_written():
    before = row_counts()
    yield
    after = row_counts()
    assert after == before, {
        label: (before[label], n) for label, n in after.items() if n != before[label]
    }
