from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import DateInput, OneLineField

from .domain import CONTENT_FIELDS, DIRECTION_FIELDS
from .models import Proposal, ProposalDirection

TEXTAREA = forms.Textarea(attrs={"rows": 6})


class _OpenedAt(forms.ModelForm):
    """Carries when the proposal was last saved as the page was opened, so that a save from a
    second tab over someone's later change is refused (domain._editable) instead of lost."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_at"].initial = proposal.updated_at.isoformat()

    def opened(self) -> str:
        return self.cleaned_data.get("opened_at") or ""


class ProposalForm(_OpenedAt):
    """The proposal's own text, in the order it is printed."""

    class Meta:
        model = Proposal
        fields = CONTENT_FIELDS
        widgets = {
            "dated": DateInput(),
            "amounts_text": TEXTAREA,
            "reporting_text": TEXTAREA,
            "other_text": TEXTAREA,
        }
        help_texts = {"place": _("Where the proposal is dated, e.g. Falun.")}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}


class DirectionForm(_OpenedAt):
    class Meta:
        model = ProposalDirection
        fields = DIRECTION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "proposed_use": forms.Textarea(attrs={"rows": 10}),
        }

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in DIRECTION_FIELDS}


class AdoptForm(forms.Form):
    adopted_by = OneLineField(
        label=_("Adopted by"),
        max_length=200,
        help_text=_("The region's body, e.g. Chefsnätverket."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError(_("A proposal cannot be adopted on a future date."))
        return adopted_on
