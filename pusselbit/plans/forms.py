"""Forms of the action-plan pages. They validate what was typed; the domain functions write it
(no form here is ever saved)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from pusselbit.core.fields import DateInput, OneLineField, SwedishDecimalField
from pusselbit.core.submissions import OnceForm

from .models import ActionPlan, Goal, Indicator, IndicatorValue


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "first_year", "last_year", "adopted_by", "description"]
        help_texts = {
            "title": _("E.g. Länsgemensam handlingsplan för psykisk hälsa 2018–2020."),
            "adopted_by": _(
                "E.g. the steering group, and when. Leave it empty while the plan is drafted: "
                "an adopted plan is shown on the region's public pages."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The plan cannot end before it starts."))
        return cleaned


class NewPlanForm(OnceForm, PlanForm):
    """A new plan: created once however often the form is sent."""


class AdoptPlanForm(forms.Form):
    adopted_by = OneLineField(
        label=_("Adopted by"),
        max_length=200,
        help_text=_("The body, and when: e.g. Vårdsamverkan Västra Götaland 2018-03-01."),
    )


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["focus_area", "number", "target_group", "text", "indicators"]
        # Their choices are set per form from the plan (a query outside a region's scope raises).
        field_classes = {
            "focus_area": SafeModelChoiceField,
            "indicators": SafeModelMultipleChoiceField,
        }
        widgets = {"indicators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = plan.focus_areas.order_by("number")
        self.fields["focus_area"].label_from_instance = lambda area: (
            f"{area.number}. {area.display_name}"
        )
        self.fields["indicators"].queryset = plan.indicators.order_by("name")
        self.fields["indicators"].help_text = _(
            "What shows whether the goal is reached. An indicator can follow several goals."
        )


class IndicatorForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        Goal.objects.none(),
        label=_("Goals it follows"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Indicator
        fields = ["name", "unit", "description", "goals"]
        help_texts = {
            "name": _("E.g. Systematiskt samarbete med brukarorganisationer."),
            "unit": _("E.g. per cent, number of municipalities."),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = plan.goals.order_by("number", "target_group")


class ValueForm(forms.ModelForm):
    value = SwedishDecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        help_text=_("E.g. 12 or 12,5."),
    )

    class Meta:
        model = IndicatorValue
        fields = ["period", "period_label", "value", "source"]
        help_texts = {
            "period": _(
                "The last day of the period measured, YYYY-MM-DD. A value for a period that "
                "already has one corrects it."
            ),
            "source": _("Where the value comes from, e.g. the survey or register and its date."),
        }
        error_messages = {"source": {"required": _("Say where the value comes from.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget = DateInput()


class LinkSearchForm(forms.Form):
    """The goal page's search for initiatives to link (GET), a few hits at a time."""

    sok = OneLineField(
        label=_("Find an initiative to link"),
        help_text=_("Words from its title, or its registration number."),
        required=False,
        max_length=100,
        strip=True,
    )


class LinkInitiativeForm(forms.Form):
    """The initiative a hit's "Link" button sends (a hidden id): one of the region's initiatives
    not yet serving the goal, looked up by id, so the page never lists them all."""

    initiative = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose an initiative to link."),
            "invalid_choice": _(
                "That initiative cannot be linked: it is not one of the region's initiatives "
                "that do not yet serve the goal."
            ),
        },
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
