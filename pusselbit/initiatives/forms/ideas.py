from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.fields import OneLineField, SwedishDecimalField
from pusselbit.core.submissions import OnceForm
from pusselbit.organisations.models import Organisation

from ..domain.ideas import IDEA_FIELDS
from ..models import Initiative


class BilingualChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.display_name


class IdeaForm(forms.ModelForm):
    """The idea template (idébeskrivning). Carries the version it was opened at, so that a
    second, concurrent save is refused instead of overwriting the first."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    priority_areas = BilingualChoiceField(
        PriorityArea.objects.all(), required=False, label=_("Priority areas")
    )
    directions = BilingualChoiceField(
        Direction.objects.all(), required=False, label=_("Directions of the agreement")
    )

    class Meta:
        model = Initiative
        fields = [*IDEA_FIELDS, "priority_areas", "directions"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["problem", "idea", "target_groups", "involved", "expected_results"]
        }
        field_classes = {"rough_budget": SwedishDecimalField}
        help_texts = {
            "problem": _("What problem or need does the idea answer?"),
            "involved": _("Who takes part or needs to: units, organisations, user organisations."),
            "rough_budget": _("In kronor, e.g. 250000 or 250 000,50."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"


class NewIdeaForm(OnceForm, IdeaForm):
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("On behalf of"),
        help_text=_("The organisation you bring the idea from."),
    )

    class Meta(IdeaForm.Meta):
        fields = ["organisation", *IdeaForm.Meta.fields]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class RegistrationForm(forms.Form):
    registration_number = OneLineField(
        label=_("Registration number"),
        max_length=50,
        help_text=_("Diarienummer, e.g. RB 2026/123."),
    )
