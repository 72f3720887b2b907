from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How do you want to be told by e-mail?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("Either way, your notifications are listed on this page."),
    )


class MarkReadForm(forms.Form):
    """One of the user's own unread notices (another's, or one already read, is not a choice)."""

    notification = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, notifications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notification"].queryset = notifications.filter(read_at__isnull=True)
