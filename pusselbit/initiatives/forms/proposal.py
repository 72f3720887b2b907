from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import SwedishDecimalField
from pusselbit.core.formsets import row_formset

from ..domain.proposal import PROPOSAL_FIELDS
from ..models import BudgetLine, EffectMeasure, Proposal


class ProposalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Proposal
        fields = PROPOSAL_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in PROPOSAL_FIELDS
            if name not in {"evidence_basis", "no_running_costs"}
        }
        help_texts = {
            "goals": _("What the initiative shall achieve, for whom, by when."),
            "programme_logic": _("How the activities lead to the wanted effects."),
            "evidence_references": _("The research or established experience it rests on."),
            "no_running_costs": _(
                "Stimulus funds are for testing new ways of working, not for ordinary operations."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class EffectMeasureForm(forms.ModelForm):
    class Meta:
        model = EffectMeasure
        fields = ["name", "target_group", "baseline", "target", "unit", "method", "frequency"]
        field_classes = {"baseline": SwedishDecimalField, "target": SwedishDecimalField}


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "category", "amount", "funding", "ordinary_running_cost"]
        field_classes = {"amount": SwedishDecimalField}
        help_texts = {"amount": _("Kronor and öre, e.g. 125000 or 125 000,50.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].group_thousands = True  # shown back as typed: 650 000,00
        self.fields["funding"].widget = forms.RadioSelect(choices=self.fields["funding"].choices)
        self.fields["funding"].choices = [c for c in self.fields["funding"].choices if c[0]]

    def clean(self):
        data = super().clean()
        if data.get("funding") == "stimulus" and data.get("ordinary_running_cost"):
            self.add_error(
                "ordinary_running_cost",
                _("Stimulus funds must not pay for ordinary running costs."),
            )
        return data


# The proposal page's lists: every measure and budget line editable in its row, with blank rows
# to add more (saving with "Save and keep editing" gives new blank rows).
MeasureFormSet = row_formset(
    EffectMeasure,
    EffectMeasureForm,
    extra=1,
    row_name=str,
    new_row=_("New effect measure %(number)s"),
    remove_label=_("Remove this effect measure"),
)
BudgetFormSet = row_formset(
    BudgetLine,
    BudgetLineForm,
    extra=2,
    row_name=lambda line: f"{line.year} {line.category}",
    new_row=_("New budget line %(number)s"),
    remove_label=_("Remove this budget line"),
)
