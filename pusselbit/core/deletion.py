"""What removing a row would take with it, so that a domain function can refuse instead.

Registered records are never deleted, and a row that others refer to is not removed from under
them: a removal goes ahead only when nothing but the row and its own parts would go."""

from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _


def _name(model) -> str:
    # A many-to-many link is named by the model that holds the link.
    owner = model._meta.auto_created or model
    return str(owner._meta.verbose_name_plural)


def _model_of(group):
    if hasattr(group, "model"):
        return group.model if group.exists() else None
    return type(group[0]) if group else None


def dependants(obj, *, parts=()) -> list[str]:
    """The kinds of row (plural names) other than `obj` and its own `parts` (models) that
    removing `obj` would delete, unlink or be blocked by; [] when it can go alone."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except ProtectedError as error:
        return sorted({_name(type(row)) for row in error.protected_objects})
    except RestrictedError as error:
        return sorted({_name(type(row)) for row in error.restricted_objects})
    own = {type(obj), *parts}
    found = {model for model, rows in collector.data.items() if rows and model not in own}
    groups = [*collector.fast_deletes, *(g for gs in collector.field_updates.values() for g in gs)]
    for group in groups:
        model = _model_of(group)
        if model is not None and model not in own:
            found.add(model)
    return sorted({_name(model) for model in found})


def ensure_removable(obj, *, parts=()) -> None:
    """Refuse (a ValidationError, code "in_use") to remove `obj` while other rows than its own
    `parts` refer to it, naming them."""
    rows = dependants(obj, parts=parts)
    if rows:
        raise ValidationError(
            _("%(object)s cannot be removed: %(rows)s refer to it.")
            % {"object": obj, "rows": ", ".join(rows)},
            code="in_use",
        )
