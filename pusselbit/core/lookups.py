"""`id__in` that no id can break.

Django answers `pk=<a 25-digit number>` with "no such row" (its IntegerFieldOverflow lookups),
but not `pk__in=[…]`: SQLite raises OverflowError for a number its INTEGER cannot hold, and every
multiple choice (checkboxes, the admin's selects) asks `pk__in` with what the browser sent. An id
no column can hold names no row, so it is left out of the list, as Django's own lookups do."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
