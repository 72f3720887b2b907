from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.fields import DateInput, SwedishDecimalField
from pusselbit.core.formatting import format_number

from ..models import Adjustment, FinalEvaluation, ResourceReview, Seminar

MEASURE_PREFIX = "measure_"


def _date_field(field: forms.Field, *, today=True) -> None:
    field.widget = DateInput()
    if today:
        field.initial = timezone.localdate


def measure_label(measure) -> str:
    return f"{measure.name} ({measure.unit})" if measure.unit else measure.name


def measure_help(measure) -> str:
    """Baseline and target, so the one reporting sees the scale the value is read against."""

    def shown(value):
        if value is None:
            return _("not set")
        return f"{format_number(value)} {measure.unit}".strip()

    return _("Baseline: %(baseline)s. Target: %(target)s.") % {
        "baseline": shown(measure.baseline),
        "target": shown(measure.target),
    }


class ProgressReportForm(forms.Form):
    """A period's follow-up: what was done, the deviations, and one optional value for each of
    the proposal's effect measures."""

    period_start = forms.DateField(label=gettext_lazy("Period from"))
    period_end = forms.DateField(label=gettext_lazy("Period to"))
    done = forms.CharField(
        label=gettext_lazy("What was done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The activities of the period, measured against the plan."),
    )
    deviations = forms.CharField(
        label=gettext_lazy("Deviations from the plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What did not go as planned, and why."),
    )

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        _date_field(self.fields["period_start"], today=False)
        _date_field(self.fields["period_end"])
        self.measures = {f"{MEASURE_PREFIX}{m.pk}": m for m in measures}
        for name, measure in self.measures.items():
            self.fields[name] = SwedishDecimalField(
                label=measure_label(measure),
                help_text=measure_help(measure),
                required=False,
                max_digits=14,
                decimal_places=2,
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data

    def measure_fields(self):
        return [self[name] for name in self.measures]

    def report(self) -> dict:
        """The keyword arguments of domain.execution.report_progress."""
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "done": data["done"],
            "deviations": data["deviations"],
            "values": {
                measure: data[name]
                for name, measure in self.measures.items()
                if data.get(name) is not None
            },
        }


class _DatedForm(forms.ModelForm):
    """A record with a date (defaulting to today) and texts; saved by a domain function, so the
    form only validates."""

    date_field = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_field(self.fields[self.date_field])


class AdjustmentForm(_DatedForm):
    date_field = "agreed_on"

    class Meta:
        model = Adjustment
        fields = ["agreed_on", "description", "agreed_with"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": gettext_lazy(
                "What is changed, and which wanted effect it is meant to reach."
            ),
            "agreed_with": gettext_lazy("The steering group, and other actors concerned."),
        }


class SeminarForm(_DatedForm):
    date_field = "held_on"

    class Meta:
        model = Seminar
        fields = ["held_on", "title", "audience", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "audience": gettext_lazy("Who took part, e.g. the coordination group, operations."),
            "notes": gettext_lazy("What was learnt and spread."),
        }


class FinalEvaluationForm(_DatedForm):
    date_field = "evaluated_on"

    class Meta:
        model = FinalEvaluation
        fields = ["summary", "effects", "lessons", "evaluated_on"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "effects": forms.Textarea(attrs={"rows": 5}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "effects": gettext_lazy("The effects achieved, measured against the targets."),
        }


class ResourceReviewForm(_DatedForm):
    date_field = "reviewed_on"

    class Meta:
        model = ResourceReview
        fields = ["economic_resources", "personnel_resources", "scale_up_plan", "reviewed_on"]
        widgets = {
            "economic_resources": forms.Textarea(attrs={"rows": 4}),
            "personnel_resources": forms.Textarea(attrs={"rows": 4}),
            "scale_up_plan": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "economic_resources": gettext_lazy(
                "The money needed to carry the work on in ordinary operations, and who pays."
            ),
            "personnel_resources": gettext_lazy("The staff needed, and where they come from."),
            "scale_up_plan": gettext_lazy(
                "How the methods are implemented in ordinary operations and scaled up."
            ),
        }
