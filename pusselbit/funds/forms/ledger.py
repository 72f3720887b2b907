"""Forms of the ledger pages: the agreement filter, spending against a share, a requisition."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.agreements.models import Direction
from pusselbit.core.fields import OneLineField, SwedishDecimalField, date_field
from pusselbit.core.submissions import OnceForm
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import organisations_serving

from ..models import MONEY, Agreement, Spending

AMOUNT_HELP = _("Kronor and öre, e.g. 1 200 000 or 1 200 000,50.")


class LedgerFilterForm(forms.Form):
    """The agreement whose ledger is shown; without one (or with one that is not the region's),
    the newest. One agreement at a time keeps the page to what a person reads."""

    avtal = forms.ModelChoiceField(
        Agreement.objects.none(), label=_("Agreement"), required=False, empty_label=None
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avtal"].queryset = agreements


class SpendingForm(OnceForm):
    amount = SwedishDecimalField(label=_("Amount"), **MONEY, help_text=AMOUNT_HELP)
    spent_on = date_field(_("Date"))
    description = OneLineField(
        label=_("What the funds were used for"),
        max_length=300,
        help_text=_("E.g. the initiative, the cost and the period."),
    )

    initiative = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Paid for the initiative"),
        help_text=_(
            "The initiative whose decision committed these funds. Spending for no initiative is "
            "spent outside commitments and lowers what can still be committed."
        ),
        empty_label=_("No initiative: spent outside commitments"),
    )

    def __init__(self, *args, share, **kwargs):
        super().__init__(*args, **kwargs)
        # The initiative model through Spending's own relation: funds sit below the lifecycle
        # and do not import it (the import contract in pyproject.toml).
        initiatives = Spending._meta.get_field("initiative").related_model.objects
        self.fields["initiative"].queryset = initiatives.filter(
            decisions__commitments__share=share,
            decisions__commitments__released_by__isnull=True,
        ).distinct()
        self.fields["initiative"].label_from_instance = lambda i: i.title

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= Decimal("0"):
            raise forms.ValidationError(_("Give an amount above zero."))
        return amount


class RequisitionForm(OnceForm):
    agreement = forms.ModelChoiceField(Agreement.objects.all(), label=_("Agreement"))
    directions = forms.ModelMultipleChoiceField(
        Direction.objects.order_by("order", "code"),
        label=_("Directions"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The directions whose funds are requisitioned."),
    )
    requisitioned_by = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Requisitioned by (payee)"),
        help_text=_("The organisation that requisitions the funds and is paid them."),
    )
    requisitioned_from = OneLineField(
        label=_("Requisitioned from"),
        max_length=200,
        help_text=_("Who pays the funds out, e.g. SKR or VästKom."),
    )
    on_behalf_of = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=_("On behalf of (beneficiaries)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Whom the funds are for, when the payee requisitions for others too."),
    )
    amount = SwedishDecimalField(label=_("Amount"), **MONEY, help_text=AMOUNT_HELP)
    requisitioned_on = date_field(_("Date"))
    registration_number = OneLineField(
        label=_("Registration number"),
        max_length=50,
        required=False,
        help_text=_("Diarienummer, e.g. RD 2020/123."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_serving(region)
        self.fields["requisitioned_by"].queryset = organisations
        self.fields["on_behalf_of"].queryset = organisations
        self.fields["directions"].label_from_instance = lambda d: d.display_name

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= Decimal("0"):
            raise forms.ValidationError(_("Give an amount above zero."))
        return amount
