"""Rows of a list edited together (a budget, a list of measures, the participants) and saved
with one submit: the view says what became of each row, the domain applies every change with its
own add, change and remove functions, and either all of them are saved or none is.

Each row's change runs in its own savepoint, so a refused row does not stop the others being
checked: the person sees every refusal at once, next to its row, and nothing was saved."""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction


@dataclass(frozen=True)
class RowChange:
    """One row of an edited list. `row` None adds a row with `fields`; `remove` removes `row`;
    otherwise `row` is given `fields`. `key` is the caller's name for the row (its form), handed
    back with the row's refusal."""

    key: Hashable
    row: object = None
    fields: dict = field(default_factory=dict)
    remove: bool = False


class RowsRefused(Exception):
    """One or more rows were refused, so nothing was saved. `refusals` maps each refused row's
    key to its ValidationError."""

    def __init__(self, refusals: dict):
        super().__init__(refusals)
        self.refusals = refusals


def apply_rows(
    changes: Iterable[RowChange],
    *,
    add: Callable[..., object],
    change: Callable[..., object],
    remove: Callable[[object], object],
) -> dict:
    """Apply the changes, removals first (so that a row removed and added again in the same
    submit is not refused as a duplicate), then changes, then additions: `add(**fields)`,
    `change(row, **fields)`, `remove(row)`. Returns the refusals by key; the caller raises
    RowsRefused within its transaction when there are any, so that nothing stays saved."""
    changes = list(changes)
    order = (
        [c for c in changes if c.remove]
        + [c for c in changes if c.row is not None and not c.remove]
        + [c for c in changes if c.row is None]
    )
    refusals = {}
    for one in order:
        try:
            with transaction.atomic():
                if one.remove:
                    remove(one.row)
                elif one.row is not None:
                    change(one.row, **one.fields)
                else:
                    add(**one.fields)
        except ValidationError as refused:
            refusals[one.key] = refused
    return refusals
