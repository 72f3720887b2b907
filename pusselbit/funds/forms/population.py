"""The population page's form: a file of figures, the date they count at and their source."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.fields import OneLineField, date_field

MAX_POPULATION_FILE = 1_000_000  # bytes; a county's municipalities are a few dozen lines


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File with the figures (CSV or .xlsx)"),
        help_text=gettext_lazy(
            "The columns kommunkod and population, one line per municipality of the region "
            "(other columns are ignored), e.g. 1480;587549. A file with an error is refused "
            "whole, and nothing is saved. Choose the file again if the form comes back with "
            "an error."
        ),
    )
    reference_date = date_field(
        gettext_lazy("Population at"),
        today=False,
        help_text=gettext_lazy(
            "The date the figures count at, e.g. 2019-11-01 for SCB's count at 1 November. "
            "Figures already held at that date are replaced."
        ),
    )
    source = OneLineField(
        label=gettext_lazy("Source"),
        max_length=200,
        help_text=gettext_lazy("Where the figures come from, e.g. SCB, folkmängd 1 november 2019."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_POPULATION_FILE:
            raise ValidationError(_("The file is larger than 1 MB."))
        return uploaded
