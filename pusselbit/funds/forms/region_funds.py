"""Forms of the agreement funds page: which agreement year, and its funds per direction."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import SwedishDecimalField, date_field

from ..domain.region_funds import amount_field
from ..models import MONEY

AMOUNT_HELP = _("Kronor and öre, e.g. 1 200 000,50. Empty: no funds for the direction.")


class AgreementYearForm(forms.Form):
    ar = forms.IntegerField(label=_("Agreement year"), min_value=2000, max_value=2100)


class AgreementYearFundsForm(forms.Form):
    """The use-by date and one amount per direction (empty for none)."""

    use_by = date_field(
        _("Use the funds by"),
        today=False,
        help_text=_(
            "YYYY-MM-DD. The agreement's date, after which what is unspent may have to be repaid."
        ),
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, directions, **kwargs):
        super().__init__(*args, **kwargs)
        self.directions = list(directions)
        for direction in self.directions:
            self.fields[amount_field(direction)] = SwedishDecimalField(
                label=direction.display_name,
                required=False,
                min_value=0,
                group_thousands=True,
                help_text=AMOUNT_HELP,
                **MONEY,
            )

    def amounts(self) -> dict:
        return {d: self.cleaned_data.get(amount_field(d)) for d in self.directions}
