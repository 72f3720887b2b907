"""What no document can hold, left out before a document is rendered."""

import dataclasses
import re

# XML 1.0 — the format of a Word file and of the PDF's tag tree — has no place for the control
# characters other than tab, line feed and carriage return. Text pasted from elsewhere can carry
# one (a vertical tab from Word, a form feed), and python-docx refuses the whole document.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(value):
    """`value` (a Document, or any part of one) without the characters no document can hold."""
    if isinstance(value, str):
        return UNPRINTABLE.sub("", value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: printable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [printable(item) for item in value]
    if isinstance(value, tuple):
        return tuple(printable(item) for item in value)
    return value
