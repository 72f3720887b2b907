from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.public import results

from . import target_groups


class SearchForm(forms.Form):
    q = OneLineField(
        label=_("Search"),
        max_length=200,
        help_text=_(
            "Words or a sentence: what the initiative is about, who it is for, what it achieved."
        ),
    )


class TextForm(forms.Form):
    """The text of an idea being written, to find initiatives like it."""

    text = forms.CharField(label=_("The idea"), max_length=4000, widget=forms.Textarea)


class LearnForm(forms.Form):
    """Lär av andra's search and filters, offered from what is published (public.results). The
    address names a direction by its code and a region by its slug, as everywhere else in the
    public pages and the open data, so a link to a filtered list reads and lasts."""

    q = OneLineField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words or a sentence: what the initiative is about, who it is for."),
    )
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year of the decision"), required=False, coerce=int, empty_value=None
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All outcomes")), *results.Outcome.choices],
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.directions = {d.code: d.pk for d in choices["directions"]}
        self.regions = {r.slug: r.pk for r in choices["regions"]}
        fields = self.fields
        fields["direction"].choices = [("", _("All directions"))] + [
            (d.code, d.display_name) for d in choices["directions"]
        ]
        fields["target_group"].choices = [("", _("All target groups")), *target_groups.choices()]
        fields["year"].choices = [("", _("All years"))] + [(y, y) for y in choices["years"]]
        fields["region"].choices = [("", _("All regions"))] + [
            (r.slug, r.name) for r in choices["regions"]
        ]

    def filters(self) -> results.Filters:
        """The valid filters; an invalid one is shown with its error and left out."""
        if not self.is_bound:
            return results.Filters()
        self.is_valid()
        data = self.cleaned_data
        group = data.get("target_group")
        return results.Filters(
            direction=self.directions.get(data.get("direction")),
            target_words=target_groups.words(group) if group else (),
            year=data.get("year"),
            region=self.regions.get(data.get("region")),
            outcome=data.get("outcome") or "",
        )

    def text(self) -> str:
        """The words searched for; none when the field is invalid (shown with its error)."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return (self.cleaned_data.get("q") or "").strip()
