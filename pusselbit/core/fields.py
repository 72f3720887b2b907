from decimal import Decimal

from django import forms


class SwedishDecimalField(forms.DecimalField):
    """A decimal as Swedes type it: `250 000,50`, `250000,50 kr`, or `250000.50`.

    Spaces (also non-breaking ones) group thousands, a comma or a point separates the öre.
    Parsed to Decimal, never float; shown back with a comma. A text input, not type=number:
    browsers refuse "250 000,50" in a number field."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\xa0", "").replace("\u202f", "").replace(" ", "").strip()
            value = value.removesuffix("kr").removesuffix(":-").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", ",")
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs
