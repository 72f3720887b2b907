"""Forms of the region administrator's organisation pages (setup_views)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.core.submissions import OnceForm

from .enums import CivilSocietyType, OrganisationKind

TYPE_MISSING = _("Choose the type of the civil-society organisation.")


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    q = OneLineField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *OrganisationKind.choices]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"kind": self.cleaned_data["kind"], "text": self.cleaned_data["q"]}


class OrganisationNumberForm(forms.Form):
    """A region's or municipality's organisation number: the one thing of a reference-data
    organisation the region keeps (the open data names recipients by it)."""

    organisation_number = OneLineField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("NNNNNN-NNNN, e.g. 212000-2270."),
    )


class CivilSocietyFields(OrganisationNumberForm):
    name = OneLineField(label=_("Name"), max_length=200)
    civil_society_type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", "---------"), *CivilSocietyType.choices],
        error_messages={"required": TYPE_MISSING},
        help_text=_("E.g. an association, a foundation or a user organisation."),
    )


class CivilSocietyCreateForm(CivilSocietyFields, OnceForm):
    pass


class OrganisationNameForm(OrganisationNumberForm):
    """A municipal association's name and organisation number: what of it the region keeps."""

    name = OneLineField(label=_("Name"), max_length=200)

    field_order = ["name", "organisation_number"]


class OperationAreaForm(forms.Form):
    name = OneLineField(label=_("Operation area"), max_length=200)
