"""The admin's autocomplete selects, checking the keys they are sent.

Django's AutocompleteSelect looks up the options to show by the keys the form was sent, as they
came: a form sent back with "x" or a forty-digit number in a foreign key (a refused form is
shown again) fails in the lookup with ValueError or OverflowError, a server error instead of
the field's "not one of the choices". Keys that the key field would refuse are left out here;
the form's own field says they are wrong."""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _CheckedKeys:
    def optgroups(self, name, value, attr=None):
        key = self.field.target_field
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


def _is_key(field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedAutocompleteSelect(_CheckedKeys, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(_CheckedKeys, AutocompleteSelectMultiple):
    pass
