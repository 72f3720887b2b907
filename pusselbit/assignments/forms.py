from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from pusselbit.core.fields import DateInput, OneLineField, SwedishDecimalField
from pusselbit.core.submissions import OnceForm
from pusselbit.organisations.models import Organisation

from . import queries
from .domain import CONTENT_FIELDS
from .models import Assignment, Milestone, Point, Position, ReportingLine, Signatory

TEXTAREAS = [
    "background",
    "goals_text",
    "activity",
    "purpose",
    "organisation_text",
    "reporting",
    "funds_text",
]


class GoalsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class AllocationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.funds.agreement.name} · {obj.funds.direction.display_name}"


class AssignmentForm(forms.ModelForm):
    """The text of an assignment document. Carries the version it was opened at, so that a
    second, concurrent save is refused instead of overwriting the first."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    goals = GoalsField(None, required=False, label=_("Action-plan goals"))
    allocation = AllocationField(
        None,
        required=False,
        label=_("Funds and their distribution"),
        help_text=_("The allocation whose shares the document lists."),
    )

    class Meta:
        model = Assignment
        # Its choices are set per form from the region (a query outside a region's scope raises).
        field_classes = {"plan": SafeModelChoiceField}
        # The seeds' order; CONTENT_FIELDS and the goals, nothing else.
        fields = [
            "place",
            "dated",
            "co_senders",
            "heading",
            "title",
            "background",
            "plan",
            "goals",
            "goals_text",
            "activity",
            "purpose",
            "reporting",
            "organisation_text",
            "allocation",
            "funds_text",
            "signed_place",
            "signed_on",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 6}) for name in TEXTAREAS},
            "dated": DateInput(),
            "co_senders": forms.Textarea(attrs={"rows": 2}),
            "signed_on": DateInput(),
        }
        help_texts = {
            "place": _("Where the document is dated, e.g. Göteborg."),
            "signed_place": _("Where the signatories sign, e.g. Göteborg."),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["plan"].queryset = queries.plans_in(region)
        self.fields["goals"].queryset = queries.goals_in(region)
        self.fields["allocation"].queryset = queries.allocations_in(region)
        if not self.instance.pk and len(self.fields["plan"].queryset) == 1:
            self.fields["plan"].initial = self.fields["plan"].queryset[0]

    def clean(self):
        data = super().clean()
        plan, goals = data.get("plan"), data.get("goals") or []
        if any(goal.plan_id != getattr(plan, "pk", None) for goal in goals):
            self.add_error("goals", _("Choose goals of the action plan chosen above."))
        return data

    def values(self) -> dict:
        """What the domain functions take: the content fields and the goals."""
        return {name: self.cleaned_data[name] for name in [*CONTENT_FIELDS, "goals"]}


class NewAssignmentForm(OnceForm, AssignmentForm):
    """A new assignment document: saved once however often the form is sent."""

    def values(self) -> dict:
        return {**super().values(), "submission": self.submission_key}


class PositionForm(forms.ModelForm):
    extent = SwedishDecimalField(
        label=_("Extent (full-time equivalents)"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("1,0 is a full-time post; 0,5 half-time."),
    )

    class Meta:
        model = Position
        fields = ["title", "employer", "extent", "note"]
        # Its choices are set per form from the region (a query outside a region's scope raises).
        field_classes = {"employer": SafeModelChoiceField}
        help_texts = {"title": _("E.g. Koordinator.")}

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.filter(region=region).order_by(
            "kind", "name"
        )


class PointForm(forms.ModelForm):
    class Meta:
        model = Point
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)


class ReportingLineForm(forms.ModelForm):
    goals = GoalsField(None, required=False, label=_("Against the goals"))

    class Meta:
        model = ReportingLine
        fields = ["to_whom", "how_often", "goals"]
        help_texts = {
            "to_whom": _("E.g. Styrgruppen för länsgemensam handlingsplan psykisk hälsa."),
            "how_often": _("E.g. fortlöpande, or twice a year."),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = queries.goals_in(region)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["season", "year", "due_on", "text"]
        widgets = {"due_on": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "season": _("A season and a year (Vår 2020), or a date below."),
            "due_on": _("Or a date, instead of a season and a year."),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=2000, max=2100)

    def clean(self):
        data = super().clean()
        season, year, due_on = data.get("season"), data.get("year"), data.get("due_on")
        if (season or year) and due_on:
            raise forms.ValidationError(
                _("Give either a season and a year, or a date, not both."), code="both"
            )
        if not due_on and not (season and year):
            raise forms.ValidationError(
                _("Give either a season and a year, or a date."), code="neither"
            )
        return data

    def _post_clean(self):
        # The domain function checks the row; the constraint would repeat the message above.
        pass


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["name", "organisation"]
        help_texts = {"organisation": _("E.g. VästKom or Västra Götalandsregionen.")}

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"


class AdoptForm(forms.Form):
    adopted_by = OneLineField(
        label=_("Adopted by"),
        max_length=200,
        help_text=_("The body, e.g. Styrgruppen för länsgemensam handlingsplan psykisk hälsa."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())


class CompleteMilestoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A milestone cannot be done on a future date."))
        return done_on
