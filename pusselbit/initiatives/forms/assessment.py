from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import DateInput

from ..domain.assessment import FUTURE
from ..enums import Assessment, Criterion, PreparationStep


class CriteriaForm(forms.Form):
    """All eight criteria on one page: an assessment and its motivation for each."""

    reason_to_proceed = forms.CharField(
        label=_("Reason to proceed to LSVO"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when a criterion is assessed as not met: why the proposal may still go to "
            "LSVO. It is recorded as a new entry, and LSVO reads it beside the criteria."
        ),
    )

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
    """The five preparation steps on one form: for each, the date it was done and a note. A
    step without a date is not done yet; one marked done keeps a date."""

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = {r.step: r for r in records}
        for step in PreparationStep:
            record = self.records.get(step.value)
            self.fields[f"{step.value}_done_on"] = forms.DateField(
                label=_("Done on: %(step)s") % {"step": step.label},
                required=False,
                widget=DateInput(),
                help_text=_("YYYY-MM-DD; empty while the step is not done."),
                initial=record.done_on if record else None,
            )
            self.fields[f"{step.value}_note"] = forms.CharField(
                label=_("Note: %(step)s") % {"step": step.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=record.note if record else "",
            )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for step in PreparationStep:
            field = f"{step.value}_done_on"
            if field in self.errors:
                continue
            done_on = data.get(field)
            if done_on and done_on > today:
                self.add_error(field, FUTURE)
            elif not done_on and step.value in self.records:
                self.add_error(
                    field, _("A step marked as done stays done; correct its date instead.")
                )
            elif not done_on and (data.get(f"{step.value}_note") or "").strip():
                self.add_error(field, _("Give the date the step was done, or leave the note out."))
        return data

    def steps(self):
        """(step, done_on, note) for each step given a date."""
        for step in PreparationStep:
            done_on = self.cleaned_data.get(f"{step.value}_done_on")
            if done_on:
                yield step, done_on, self.cleaned_data.get(f"{step.value}_note", "")

    def rows(self):
        for step in PreparationStep:
            yield step, self[f"{step.value}_done_on"], self[f"{step.value}_note"]
