from django import forms
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.core.formsets import row_formset
from pusselbit.organisations.models import OperationArea, Organisation

from ..models import Participant


def _with_empty(field, choices: list) -> list:
    return ([("", field.empty_label)] if field.empty_label is not None else []) + choices


class RegionChoices:
    """The organisations of the region (its own and its associations') and their operation
    areas, read once for every row of the participants page: a row's drop-downs would otherwise
    each read them again."""

    def __init__(self, region):
        self.organisations_queryset = (
            Organisation.objects.filter(Q(region=region) | Q(associations__region=region))
            .distinct()
            .order_by("kind", "name")
        )

    @cached_property
    def organisations(self) -> list:
        return list(self.organisations_queryset)

    @cached_property
    def areas(self) -> list:
        return list(
            OperationArea.objects.filter(organisation__in=self.organisations_queryset)
            .select_related("organisation")
            .order_by("organisation__name", "name", "pk")
        )

    def areas_of(self, organisation_id) -> list:
        return [area for area in self.areas if area.organisation_id == organisation_id]


class ParticipantRowForm(forms.ModelForm):
    """A row of the participants page: a participant taking part (its operation area and
    contact; the organisation stays, another organisation is another participant) or, in a
    blank row, an organisation of the region to add."""

    # Declared, not made from the model: the model's would list every region's rows (and the
    # region scoping refuses that outside a request); __init__ gives each row its choices.
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))
    operation_area = forms.ModelChoiceField(
        OperationArea.objects.none(),
        label=_("Operation area"),
        required=False,
        help_text=_("Or name a new one in the field “New operation area”."),
    )
    new_operation_area = OneLineField(
        label=_("New operation area"),
        max_length=200,
        required=False,
        help_text=_("E.g. Vuxenpsykiatri or Individ- och familjeomsorg."),
    )

    class Meta:
        model = Participant
        fields = ["organisation", "operation_area", "contact_name", "contact_email"]
        labels = {"contact_name": _("Contact person"), "contact_email": _("Contact e-mail")}

    field_order = ["organisation", "operation_area", "new_operation_area"]

    def __init__(self, *args, region, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = choices or RegionChoices(region)
        areas = self.fields["operation_area"]
        if self.instance.pk is not None:
            del self.fields["organisation"]
            # The queryset checks what is sent; the choices shown come from the page's one read.
            areas.queryset = self.instance.organisation.operation_areas.all()
            areas.choices = _with_empty(
                areas, [(a.pk, a.name) for a in choices.areas_of(self.instance.organisation_id)]
            )
            return
        organisation = self.fields["organisation"]
        organisation.queryset = choices.organisations_queryset
        organisation.choices = _with_empty(
            organisation,
            [(o.pk, f"{o.name} ({o.get_kind_display()})") for o in choices.organisations],
        )
        areas.queryset = OperationArea.objects.filter(
            organisation__in=choices.organisations_queryset
        )
        areas.choices = _with_empty(
            areas, [(a.pk, f"{a.organisation.name}: {a.name}") for a in choices.areas]
        )

    def clean(self):
        data = super().clean()
        area = data.get("operation_area")
        if area and data.get("new_operation_area"):
            self.add_error(
                "new_operation_area", _("Choose an operation area or name a new one, not both.")
            )
        organisation = data.get("organisation")
        if area and organisation and area.organisation_id != organisation.pk:
            self.add_error(
                "operation_area",
                _("The operation area belongs to %(organisation)s.")
                % {"organisation": area.organisation.name},
            )
        return data


# The participants page: everyone taking part, editable in their rows, and two blank rows to
# add organisations; saved with one press.
ParticipantFormSet = row_formset(
    Participant,
    ParticipantRowForm,
    extra=2,
    row_name=str,
    new_row=_("New participant %(number)s"),
    remove_label=_("Remove this participant"),
)
