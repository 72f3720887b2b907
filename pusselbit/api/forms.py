from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField, date_field
from pusselbit.core.submissions import OnceForm

from .enums import Access


class TokenForm(OnceForm):
    """Made once however often it is sent (a double click would make a second token)."""

    name = OneLineField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("E.g. the statistics export to the county's dashboard."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=Access.choices,
        initial=Access.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read and write lets a program record indicator values in your name. Choose read "
            "unless it needs to write."
        ),
    )
    expires_on = date_field(
        _("Valid until"),
        today=False,
        required=False,
        help_text=_("YYYY-MM-DD. Empty: until it is revoked."),
    )
