from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.organisations.models import OperationArea, Organisation


class _AreaAndContact(forms.Form):
    """What both the form adding a participant and the one changing it ask."""

    operation_area = forms.ModelChoiceField(
        OperationArea.objects.none(),
        label=_("Operation area"),
        required=False,
        help_text=_("Choose one of the organisation's operation areas, or name a new one below."),
    )
    new_operation_area = OneLineField(
        label=_("New operation area"),
        max_length=200,
        required=False,
        help_text=_("E.g. Vuxenpsykiatri or Individ- och familjeomsorg."),
    )
    contact_name = OneLineField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("operation_area") and data.get("new_operation_area"):
            self.add_error(
                "new_operation_area", _("Choose an operation area or name a new one, not both.")
            )
        return data


class ParticipantForm(_AreaAndContact):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))
    field_order = ["organisation"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = (
            Organisation.objects.filter(Q(region=region) | Q(associations__region=region))
            .distinct()
            .order_by("kind", "name")
        )
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda o: (
            f"{o.name} ({o.get_kind_display()})"
        )
        self.fields["operation_area"].queryset = OperationArea.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")
        self.fields["operation_area"].label_from_instance = lambda a: (
            f"{a.organisation.name}: {a.name}"
        )

    def clean(self):
        data = super().clean()
        area, organisation = data.get("operation_area"), data.get("organisation")
        if area and organisation and area.organisation_id != organisation.pk:
            self.add_error(
                "operation_area",
                _("The operation area belongs to %(organisation)s.")
                % {"organisation": area.organisation.name},
            )
        return data


class ParticipantEditForm(_AreaAndContact):
    """A participant's operation area and contact; the organisation stays."""

    def __init__(self, *args, participant, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "operation_area": participant.operation_area_id,
                "contact_name": participant.contact_name,
                "contact_email": participant.contact_email,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["operation_area"].queryset = participant.organisation.operation_areas.all()
