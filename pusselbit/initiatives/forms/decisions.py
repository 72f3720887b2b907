import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import SwedishDecimalField


def date_field(label):
    field = forms.DateField(label=label, initial=datetime.date.today, help_text=_("YYYY-MM-DD"))
    field.widget.input_type = "date"
    return field


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, comment_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required


class RecommendationForm(forms.Form):
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    meeting_date = date_field(_("LSVO meeting date"))


class DecisionForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=50,
        help_text=_("Diarienummer, e.g. RB 2026/123."),
    )
    decided_on = date_field(_("Decision date"))
    budget = SwedishDecimalField(
        label=_("Decided budget (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Kronor and öre, e.g. 1 200 000 or 1 200 000,50."),
    )
    follow_up_plan = forms.CharField(
        label=_("Follow-up plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionForm(DecisionForm):
    rationale = forms.CharField(
        label=_("What the correction corrects"), widget=forms.Textarea(attrs={"rows": 3})
    )
