from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction
from pusselbit.core.fields import OneLineField
from pusselbit.organisations.models import Organisation

from ..models import Stage


class PipelineFilterForm(forms.Form):
    q = OneLineField(
        label=_("Search"),
        required=False,
        help_text=_("Words in the title, the idea or the proposal."),
    )
    stage = forms.ModelChoiceField(
        Stage.objects.none(),
        label=_("Stage"),
        required=False,
        empty_label=_("All stages"),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Organisation"),
        required=False,
        empty_label=_("All organisations"),
    )
    direction = forms.ModelChoiceField(
        Direction.objects.all(),
        label=_("Direction"),
        required=False,
        empty_label=_("All directions"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, region, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(workflow__region=region)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(Q(region=region) | Q(associations__region=region))
            .distinct()
            .order_by("name")
        )
        self.fields["direction"].label_from_instance = lambda d: d.display_name
        self.fields["stage"].label_from_instance = lambda s: s.display_name
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
