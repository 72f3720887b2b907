"""One-line text: titles, names, registration numbers and every other short field hold no line
break or other control character. Such a character in a title would otherwise travel into the
subject of an e-mail header (and to exports and the like) where it does not belong."""

import re
import unicodedata

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

ONE_LINE_MESSAGE = _(
    "Write this on one line: line breaks and other control characters are not allowed."
)

# Control characters (Cc: \r, \n, \t, NUL …) and the Unicode line and paragraph separators.
_BREAKING = {"Cc", "Zl", "Zp"}


def has_line_break(value: str) -> bool:
    return any(unicodedata.category(char) in _BREAKING for char in value)


def validate_one_line(value) -> None:
    if isinstance(value, str) and has_line_break(value):
        raise ValidationError(ONE_LINE_MESSAGE, code="one_line")


def one_line(text: str, max_length: int | None = None) -> str:
    """`text` with every run of white space and control characters made one space: safe for an
    e-mail header. Cut at `max_length` characters, with an ellipsis, when it is longer."""
    cleaned = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in str(text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    return Truncator(cleaned).chars(max_length) if max_length is not None else cleaned


def require_one_line(model, values: dict) -> None:
    """Raise a ValidationError naming each one-line field of `model` whose value in `values`
    breaks the line. For domain functions that write with create() or update(), which run no
    model validation."""
    errors = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if isinstance(field, models.CharField) and isinstance(value, str) and has_line_break(value):
            errors[name] = [ONE_LINE_MESSAGE]
    if errors:
        raise ValidationError(errors)


# CharFields whose own validators already refuse a line break: one message is enough.
OWN_CHECK = (models.EmailField, models.SlugField, models.URLField)


def guard_model_fields() -> None:
    """Give every CharField of Pusselbit's models the one-line validator, so that model forms,
    the admin and full_clean refuse a line break next to the field.

    Done once at start-up rather than field by field: a CharField is one line by definition (a
    TextField is for longer text), a new field is covered without anyone remembering it, and the
    validator stays out of the migrations (it is added to `validators`, which is not
    deconstructed, not to `_validators`, which is)."""
    for model in apps.get_models():
        if not model.__module__.startswith("pusselbit."):
            continue
        for field in model._meta.local_fields:
            if (
                isinstance(field, models.CharField)
                and not isinstance(field, OWN_CHECK)
                and validate_one_line not in field.validators
            ):
                field.validators.append(validate_one_line)
