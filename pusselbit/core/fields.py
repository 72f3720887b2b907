from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .validators import validate_one_line


class OneLineField(forms.CharField):
    """A short text typed on one line (a name, a registration number): refuses line breaks and
    other control characters next to the field. Model CharFields refuse them too (see
    validators.guard_model_fields); this is for the fields of plain forms."""

    default_validators = [validate_one_line]


class SwedishDecimalField(forms.DecimalField):
    """A decimal as Swedes type it: `250 000,50`, `250000,50 kr`, or `250000.50`.

    Spaces (also non-breaking ones) group thousands, a comma or a point separates the öre.
    Parsed to Decimal, never float; shown back with a comma. A text input, not type=number:
    browsers refuse "250 000,50" in a number field."""

    widget = forms.TextInput

    def __init__(self, *args, group_thousands: bool = False, **kwargs):
        # An amount of money is shown back as Swedes write it, `1 150 872,72`, with
        # `group_thousands`; a rate or a weight stays ungrouped.
        self.group_thousands = group_thousands
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\xa0", "").replace("\u202f", "").replace(" ", "").strip()
            value = value.removesuffix("kr").removesuffix(":-").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            if self.group_thousands:
                return format(value, ",f").replace(",", " ").replace(".", ",")
            return format(value, "f").replace(".", ",")
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always ISO (2021-03-31), whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, today: bool = True, **kwargs) -> forms.DateField:
    """A date with the picker, today's date in Sweden to begin with (`today=False`: empty)."""
    if today:
        kwargs.setdefault("initial", timezone.localdate)
    kwargs.setdefault("help_text", gettext_lazy("YYYY-MM-DD"))
    return forms.DateField(label=label, widget=DateInput(), **kwargs)
