from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField, SwedishDecimalField, date_field


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
    registration_number = OneLineField(
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

    paid_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Paid from the agreement funds"),
        help_text=_("The direction and recipient whose funds the decision commits."),
        empty_label=_("Not paid from agreement funds"),
    )
    committed_amount = SwedishDecimalField(
        label=_("Amount committed (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Leave empty to commit the whole decided budget."),
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        from pusselbit.funds.models import Share

        self.fields["paid_from"].queryset = Share.objects.filter(
            allocation__funds__region=region
        ).select_related(
            "recipient", "allocation__funds__agreement", "allocation__funds__direction"
        )
        self.fields["paid_from"].label_from_instance = lambda s: (
            f"{s.allocation.funds.agreement} · {s.allocation.funds.direction.display_name} · "
            f"{s.recipient.name}"
        )


class CorrectionForm(DecisionForm):
    rationale = forms.CharField(
        label=_("What the correction corrects"), widget=forms.Textarea(attrs={"rows": 3})
    )
