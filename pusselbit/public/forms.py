from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField

from .publishing import Filters


class PublicFilterForm(forms.Form):
    """The filters of a region's public list of initiatives, offered from what is published."""

    q = OneLineField(
        label=_("Search"), required=False, help_text=_("Words in the title or summary.")
    )
    direction = forms.TypedChoiceField(
        label=_("Direction"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(
        label=_("Year of the decision"), required=False, coerce=int, empty_value=None
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    stage = forms.TypedChoiceField(label=_("Stage"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["direction"].choices = [("", _("All directions"))] + [
            (d.pk, d.display_name) for d in choices["directions"]
        ]
        fields["year"].choices = [("", _("All years"))] + [(y, y) for y in choices["years"]]
        fields["municipality"].choices = [("", _("All municipalities"))] + [
            (m.pk, m.name) for m in choices["municipalities"]
        ]
        fields["stage"].choices = [("", _("All stages"))] + [
            (s.pk, s.display_name) for s in choices["stages"]
        ]

    def filters(self) -> Filters:
        """The valid filters; an invalid one is shown with its error and left out."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            direction=data.get("direction"),
            year=data.get("year"),
            municipality=data.get("municipality"),
            stage=data.get("stage"),
            query=data.get("q") or "",
        )


class WithholdForm(forms.Form):
    reason = OneLineField(
        label=_("Reason"),
        max_length=300,
        help_text=_("The secrecy provision it rests on, e.g. OSL 21 kap. 1 §."),
    )


class LiftForm(forms.Form):
    lift_reason = OneLineField(
        label=_("Why the withholding is lifted"),
        max_length=300,
        help_text=_("E.g. the secrecy period has run out, or a review found no secrecy."),
    )
