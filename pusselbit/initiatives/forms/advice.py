from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.submissions import OnceForm
from pusselbit.funds.models import Agreement
from pusselbit.funds.queries import agreements_with_funds
from pusselbit.organisations.queries import organisations_serving

from ..enums import AdviceNextStep, Fit
from .ideas import BilingualChoiceField


class OrganisationsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class AdviceForm(OnceForm):
    """The county coordinator's advice on an idea, one new entry each time it is sent. It starts
    from what the idea names (its priority areas and directions) and the newest agreement the
    region has funds under."""

    agreement = forms.ModelChoiceField(
        Agreement.objects.all(),
        label=_("The year's agreement"),
        required=False,
        help_text=_("The agreement the advice holds the idea to."),
    )
    fits_agreement = forms.ChoiceField(
        label=_("Does the idea fit the agreement and the priority areas?"),
        choices=Fit.choices,
        widget=forms.RadioSelect,
    )
    fit_note = forms.CharField(
        label=_("Why it fits, or what does not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the idea fits only in part or not at all."),
    )
    priority_areas = BilingualChoiceField(
        PriorityArea.objects.all(), required=False, label=_("Priority areas it serves")
    )
    directions = BilingualChoiceField(
        Direction.objects.all(), required=False, label=_("Directions of the agreement")
    )
    suggested_actors = OrganisationsField(
        queryset=None,
        required=False,
        label=_("Suggested actors"),
        help_text=_("Organisations the initiator should involve."),
    )
    advice = forms.CharField(
        label=_("Advice on design and direction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    next_step = forms.ChoiceField(
        label=_("Next step"), choices=AdviceNextStep.choices, widget=forms.RadioSelect
    )
    next_step_note = forms.CharField(
        label=_("About the next step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. who to contact, or by when."),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        region = initiative.region
        self.fields["suggested_actors"].queryset = organisations_serving(region)
        self.fields["agreement"].queryset = Agreement.objects.order_by("-year", "-pk")
        if not self.is_bound:
            newest = agreements_with_funds(region).first() or Agreement.objects.first()
            self.initial.setdefault("agreement", newest.pk if newest else None)
            self.initial.setdefault("priority_areas", list(initiative.priority_areas.all()))
            self.initial.setdefault("directions", list(initiative.directions.all()))
            if initiative.stage.advice:
                self.initial.setdefault("next_step", AdviceNextStep.SUBMIT_IDEA)
