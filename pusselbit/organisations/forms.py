from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.formatting import format_iso_date


class ReferenceDateForm(forms.Form):
    """Pick the reference date whose population figures a list shows."""

    datum = forms.TypedChoiceField(label=_("Population at"), coerce=str, required=False)

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].choices = [(format_iso_date(d), format_iso_date(d)) for d in dates]
        self.dates = {format_iso_date(d): d for d in dates}

    def selected_date(self):
        """The chosen date, or the newest one when none (or an unknown one) was asked for."""
        if self.is_bound and self.is_valid() and self.cleaned_data["datum"]:
            return self.dates[self.cleaned_data["datum"]]
        return next(iter(self.dates.values()), None)
