"""Optimistic locking, written once: an edit page carries the version of the row it was opened
at, and the save goes through only if the row is still at that version (`save_if_unchanged`).
Otherwise `ConcurrentEdit` is raised and nothing is written, so the first person's save is not
silently overwritten by the second; the view keeps what was typed and says why."""

from django.db import models
from django.utils import timezone


class ConcurrentEdit(Exception):
    """Someone else saved the same thing after it was opened; nothing was overwritten. The
    message, when there is one, says so in the words of what was edited."""


def save_if_unchanged(
    model_or_queryset, pk, expected_version: int, *, version_field: str = "version", **fields
) -> None:
    """Write `fields` to the row `pk` and bump its version, only if the version is still
    `expected_version`; else raise ConcurrentEdit having written nothing.

    One `UPDATE … SET …, version = version + 1 WHERE pk = … AND version = …`: the check and the
    write are the same statement, so two saves opened at the same version cannot both succeed
    (PostgreSQL makes the second wait on the row and then finds the version moved on; SQLite
    writes one at a time). A read-compare-write in Python would let both through. The
    `auto_now` fields (updated_at) are stamped here because QuerySet.update() skips them."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    now = timezone.now()
    stamped = {
        field.name: now
        for field in queryset.model._meta.concrete_fields
        if isinstance(field, models.DateTimeField) and field.auto_now and field.name not in fields
    }
    updated = queryset.filter(pk=pk, **{version_field: expected_version}).update(
        **{version_field: models.F(version_field) + 1}, **stamped, **fields
    )
    if not updated:
        raise ConcurrentEdit()
