from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField


class SearchForm(forms.Form):
    q = OneLineField(
        label=_("Search"),
        max_length=200,
        help_text=_(
            "Words or a sentence: what the initiative is about, who it is for, what it achieved."
        ),
    )


class TextForm(forms.Form):
    """The text of an idea being written, to find initiatives like it."""

    text = forms.CharField(label=_("The idea"), max_length=4000, widget=forms.Textarea)
