from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import DateInput

from ..enums import Assessment, Criterion, PreparationStep


class CriteriaForm(forms.Form):
    """All eight criteria on one page: an assessment and its motivation for each."""

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        current = {a.criterion: a for a in assessments}
        for criterion in Criterion:
            existing = current.get(criterion.value)
            self.fields[f"{criterion.value}_assessment"] = forms.ChoiceField(
                label=criterion.label,
                choices=Assessment.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=existing.assessment if existing else None,
            )
            self.fields[f"{criterion.value}_motivation"] = forms.CharField(
                label=_("Motivation: %(criterion)s") % {"criterion": criterion.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.motivation if existing else "",
            )

    def clean(self):
        data = super().clean()
        for criterion in Criterion:
            assessment = data.get(f"{criterion.value}_assessment")
            motivation = (data.get(f"{criterion.value}_motivation") or "").strip()
            if assessment and not motivation:
                self.add_error(
                    f"{criterion.value}_motivation", _("Write why the criterion is assessed so.")
                )
            if motivation and not assessment:
                self.add_error(
                    f"{criterion.value}_assessment",
                    _("Choose an assessment for the motivation you wrote."),
                )
        return data

    def assessed(self):
        """(criterion, assessment, motivation) for each criterion given an assessment."""
        for criterion in Criterion:
            assessment = self.cleaned_data.get(f"{criterion.value}_assessment")
            if assessment:
                yield criterion, assessment, self.cleaned_data[f"{criterion.value}_motivation"]

    def pairs(self):
        for criterion in Criterion:
            yield self[f"{criterion.value}_assessment"], self[f"{criterion.value}_motivation"]


class PreparationForm(forms.Form):
    step = forms.ChoiceField(label=_("Preparation step"), choices=PreparationStep.choices)
    done_on = forms.DateField(label=_("Done on"), help_text=_("YYYY-MM-DD"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, done_steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [
            (value, label) for value, label in PreparationStep.choices if value not in done_steps
        ]
        self.fields["done_on"].initial = timezone.localdate()
        self.fields["done_on"].widget = DateInput()
