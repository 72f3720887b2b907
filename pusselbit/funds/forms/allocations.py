"""The allocation form: every key of the allocation engine on one page.

The manual table is a text area with one line per recipient, `recipient;amount` (a tab works
too, so a block copied from a spreadsheet can be pasted), the recipient a name or code, the
amount as Swedes write it (`131 634,63`). It opens with the current allocation's amounts, so a
correction is an edit of the numbers."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.fields import OneLineField, SwedishDecimalField, date_field
from pusselbit.core.formatting import format_iso_date, swedish_sort_key
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation, PopulationFigure
from pusselbit.organisations.queries import population_dates

from ..domain import AllocationRefused, weights_from_file
from ..enums import AllocationKey, Unit
from ..models import Allocation

PER_RECIPIENT_KEYS = {AllocationKey.POPULATION, AllocationKey.RATE, AllocationKey.FLAT}
PER_CAPITA_KEYS = {AllocationKey.POPULATION, AllocationKey.RATE}
MAX_WEIGHTS_FILE = 1_000_000  # bytes; a weights file has a few hundred lines at most


def _sorted(organisations):
    return sorted(organisations, key=lambda o: swedish_sort_key(o.name))


def _sources_by_date(region) -> dict:
    """The source of the region's municipalities' figures per reference date ("" if none)."""
    sources = {}
    for date, source in (
        PopulationFigure.objects.filter(
            organisation__region=region, organisation__kind=OrganisationKind.MUNICIPALITY
        )
        .exclude(source="")
        .values_list("reference_date", "source")
        .distinct()
        .order_by("reference_date", "source")
    ):
        sources[date] = f"{sources[date]}; {source}" if date in sources else source
    return sources


def _amount_text(amount) -> str:
    return format(amount, "f").replace(".", ",")


class AllocationForm(forms.Form):
    key = forms.ChoiceField(
        label=gettext_lazy("Allocation key"),
        choices=AllocationKey.choices,
        widget=forms.RadioSelect,
        initial=AllocationKey.POPULATION,
    )
    unit = forms.ChoiceField(
        label=gettext_lazy("Amounts in"),
        choices=Unit.choices,
        widget=forms.RadioSelect,
        initial=Unit.ORE,
    )
    municipalities = forms.MultipleChoiceField(
        label=gettext_lazy("Municipalities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Recipients for population, rate and flat amount."),
    )
    associations = forms.MultipleChoiceField(
        label=gettext_lazy("Municipal associations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("An association counts its member municipalities' population."),
    )
    include_region = forms.BooleanField(required=False)
    reference_date = forms.TypedChoiceField(
        label=gettext_lazy("Population at"),
        coerce=datetime.date.fromisoformat,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("For population and rate per inhabitant."),
    )
    rate = SwedishDecimalField(
        label=gettext_lazy("Kronor per inhabitant"),
        max_digits=10,
        decimal_places=4,
        min_value=0,
        required=False,
        help_text=gettext_lazy("For rate per inhabitant, e.g. 0,580."),
    )
    flat_amount = SwedishDecimalField(
        label=gettext_lazy("Amount per recipient (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("For flat amount per recipient."),
    )
    ratio_source = forms.ModelChoiceField(
        label=gettext_lazy("In proportion to"),
        queryset=Allocation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose a direction"),
        help_text=gettext_lazy(
            "For in proportion to another direction: each recipient gets the same share as there."
        ),
    )
    weights_file = forms.FileField(
        label=gettext_lazy("Weights (.csv or .xlsx file)"),
        required=False,
        help_text=gettext_lazy(
            "For custom weights: the columns recipient,weight; a recipient is a name or a "
            "code. Choose the file again if the form comes back with an error."
        ),
    )
    stated_date = date_field(
        gettext_lazy("Population at, as the table states it"),
        today=False,
        required=False,
        help_text=gettext_lazy(
            "For manual table, optional: the reference date the amounts were worked out at, "
            "with the rate per inhabitant above, so the assignment document states them "
            "(e.g. 0,580 kr/inv. per 1/11–19)."
        ),
    )
    source = OneLineField(
        label=gettext_lazy("Source of the figures"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "Where the amounts or population figures come from, e.g. the decision a manual "
            "table copies. Left empty, a per-capita key names its population figures' source."
        ),
    )
    manual = forms.CharField(
        label=gettext_lazy("Manual table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "For manual table: one line per recipient, name or code, a semicolon and the "
            "amount, e.g. Vansbro;131 634,63. The amounts and the top slice must add up to "
            "the direction's funds exactly."
        ),
    )
    top_slice = SwedishDecimalField(
        label=gettext_lazy("Top slice (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=gettext_lazy("Pooled first for a joint function; the rest is split."),
    )
    confirm_total = forms.BooleanField(
        label=gettext_lazy("Allocate the total the rate gives"),
        required=False,
    )
    # The total the user was shown and confirms; a changed rate asks again.
    rate_total = forms.DecimalField(widget=forms.HiddenInput, required=False)
    top_slice_to = forms.TypedChoiceField(
        label=gettext_lazy("Top slice held by"), coerce=int, required=False, empty_value=None
    )
    top_slice_purpose = OneLineField(
        label=gettext_lazy("Top slice for"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. a joint coordinator."),
    )

    def __init__(self, *args, funds, current: Allocation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.funds = funds
        self.rate_total = None  # set when the rate's total differs from the funds
        region = funds.region
        organisations = list(
            Organisation.objects.filter(
                region=region,
                kind__in=[
                    OrganisationKind.REGION,
                    OrganisationKind.MUNICIPALITY,
                    OrganisationKind.ASSOCIATION,
                ],
            )
        )
        self.organisations = {o.pk: o for o in organisations}
        by_kind = {kind: [] for kind in OrganisationKind.values}
        for organisation in _sorted(organisations):
            by_kind[organisation.kind].append(organisation)
        self.regional = next(iter(by_kind[OrganisationKind.REGION]), None)
        self.fields["municipalities"].choices = [
            (str(o.pk), o.name) for o in by_kind[OrganisationKind.MUNICIPALITY]
        ]
        if by_kind[OrganisationKind.ASSOCIATION]:
            self.fields["associations"].choices = [
                (str(o.pk), o.name) for o in by_kind[OrganisationKind.ASSOCIATION]
            ]
        else:
            del self.fields["associations"]
        if self.regional is None:
            del self.fields["include_region"]
        else:
            self.fields["include_region"].label = _("%(name)s itself") % {
                "name": self.regional.name
            }
        self.fields["top_slice_to"].choices = [("", _("Choose who holds it"))] + [
            (o.pk, o.name)
            for kind in (
                OrganisationKind.REGION,
                OrganisationKind.ASSOCIATION,
                OrganisationKind.MUNICIPALITY,
            )
            for o in by_kind[kind]
        ]
        dates = population_dates(region)
        sources = _sources_by_date(region)
        # Each date with where its figures come from: "2019-11-01 (SCB, folkmängd 1 november…)".
        self.fields["reference_date"].choices = [
            (
                format_iso_date(d),
                f"{format_iso_date(d)} ({sources[d]})" if sources.get(d) else format_iso_date(d),
            )
            for d in dates
        ]
        self.fields["ratio_source"].queryset = (
            Allocation.objects.filter(funds__agreement=funds.agreement, funds__region=region)
            .exclude(funds=funds)
            .select_related("funds__direction")
            .order_by("funds__direction__order")
        )
        self.fields["ratio_source"].label_from_instance = lambda a: a.funds.direction.display_name
        self._set_initial(current, by_kind, dates)

    def _set_initial(self, current, by_kind, dates) -> None:
        """The current allocation as it stands; all municipalities when there is none."""
        self.initial.setdefault(
            "municipalities", [str(o.pk) for o in by_kind[OrganisationKind.MUNICIPALITY]]
        )
        if dates:
            self.initial.setdefault("reference_date", format_iso_date(dates[0]))
        if current is None:
            return
        shares = list(current.shares.all())  # prefetched with their recipients by the view
        split = [share for share in shares if not share.pooled]
        pooled = next((share for share in shares if share.pooled), None)
        self.initial.update(
            {
                "key": current.key,
                "unit": current.unit,
                "rate": current.rate,
                "flat_amount": current.flat_amount,
                "ratio_source": current.ratio_source_id,
                "top_slice": current.top_slice or None,
                "top_slice_to": pooled.recipient_id if pooled else "",
                "top_slice_purpose": current.top_slice_purpose,
                "source": current.source,
                "stated_date": current.reference_date
                if current.key == AllocationKey.MANUAL
                else None,
                "manual": "\n".join(
                    f"{share.recipient.name};{_amount_text(share.amount)}"
                    for share in sorted(split, key=lambda s: swedish_sort_key(s.recipient.name))
                ),
            }
        )
        if current.reference_date and current.key in PER_CAPITA_KEYS:
            self.initial["reference_date"] = format_iso_date(current.reference_date)
        if current.key in PER_RECIPIENT_KEYS:
            kinds = {share.recipient_id: share.recipient.kind for share in split}
            self.initial["municipalities"] = [
                str(pk) for pk, kind in kinds.items() if kind == OrganisationKind.MUNICIPALITY
            ]
            self.initial["associations"] = [
                str(pk) for pk, kind in kinds.items() if kind == OrganisationKind.ASSOCIATION
            ]
            self.initial["include_region"] = any(
                kind == OrganisationKind.REGION for kind in kinds.values()
            )

    # Validation ----------------------------------------------------------------------------

    def clean_weights_file(self):
        uploaded = self.cleaned_data.get("weights_file")
        if uploaded and uploaded.size > MAX_WEIGHTS_FILE:
            raise ValidationError(_("The file is larger than 1 MB."))
        return uploaded

    def clean_top_slice_to(self):
        pk = self.cleaned_data.get("top_slice_to")
        if pk in (None, ""):
            return None
        return self.organisations[pk]

    def clean(self):
        data = super().clean()
        key = data.get("key")
        recipients = [
            self.organisations[int(pk)]
            for name in ("municipalities", "associations")
            for pk in data.get(name) or []
        ]
        if data.get("include_region") and self.regional is not None:
            recipients.insert(0, self.regional)
        data["recipients"] = recipients
        if key in PER_RECIPIENT_KEYS and not recipients:
            self.add_error("municipalities", _("Choose at least one recipient."))
        if key in PER_CAPITA_KEYS and not data.get("reference_date"):
            self.add_error("reference_date", _("Choose the population's reference date."))
        if key == AllocationKey.RATE and data.get("rate") is None:
            self.add_error("rate", _("Give the rate in kronor per inhabitant."))
        if key == AllocationKey.FLAT and data.get("flat_amount") is None:
            self.add_error("flat_amount", _("Give the amount each recipient gets."))
        if key == AllocationKey.RATIO and data.get("ratio_source") is None:
            self.add_error("ratio_source", _("Choose the direction to follow."))
        if key == AllocationKey.WEIGHTS:
            data["weights"] = self._weights(data.get("weights_file"))
        if key == AllocationKey.MANUAL:
            data["amounts"] = self._manual(data.get("manual") or "")
        if data.get("top_slice") and data.get("top_slice_to") is None:
            self.add_error("top_slice_to", _("Say who holds the pooled top slice."))
        return data

    def _weights(self, uploaded):
        if not uploaded:
            if "weights_file" not in self.errors:
                self.add_error("weights_file", _("Choose the file with the weights."))
            return None
        try:
            return weights_from_file(uploaded.name, uploaded.read(), self.funds.region)
        except AllocationRefused as error:
            self.add_error("weights_file", error.messages)
            return None

    def _manual(self, text: str):
        region = self.funds.region
        by_key = {}
        for organisation in Organisation.objects.filter(
            Q(region=region) | Q(associations__region=region)
        ).distinct():
            by_key[organisation.name.casefold()] = organisation
            if organisation.code:
                by_key[organisation.code.casefold()] = organisation
        amount_field = SwedishDecimalField(max_digits=14, decimal_places=2, min_value=0)
        amounts, seen, errors = [], set(), []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            separator = "\t" if "\t" in line else ";"
            name, found, written = line.rpartition(separator)
            name, written = name.strip(), written.strip()
            if not found:
                errors.append(
                    _("Line %(line)d: write the recipient, a semicolon and the amount.")
                    % {"line": number}
                )
                continue
            organisation = by_key.get(name.casefold())
            if organisation is None:
                errors.append(
                    _("Line %(line)d: unknown recipient %(name)s.") % {"line": number, "name": name}
                )
                continue
            if organisation.pk in seen:
                errors.append(
                    _("Line %(line)d: %(name)s appears again.") % {"line": number, "name": name}
                )
                continue
            seen.add(organisation.pk)
            try:
                amount = amount_field.clean(written)
            except ValidationError:
                errors.append(
                    _("Line %(line)d: %(amount)s is not an amount in kronor and öre.")
                    % {"line": number, "amount": written or "''"}
                )
                continue
            amounts.append((organisation, amount))
        if errors:
            self.add_error("manual", errors)
        elif not amounts:
            self.add_error("manual", _("Write at least one line."))
        return amounts

    def ask_to_confirm(self, error) -> None:
        """The rate gives another total than the funds: show it and ask (RateTotalUnconfirmed);
        the box starts unticked, and the total it confirms travels with the form."""
        self.rate_total = error.allocated
        data = self.data.copy()
        data["rate_total"] = format(error.allocated, "f")
        data.pop("confirm_total", None)
        self.data = data

    def allocation_kwargs(self) -> dict:
        """What allocate_funds needs, with only what the chosen key uses (so an allocation
        does not record a rate it was not made with)."""
        data = self.cleaned_data
        key = AllocationKey(data["key"])
        return {
            "key": key,
            "unit": data["unit"],
            "recipients": data["recipients"] if key in PER_RECIPIENT_KEYS else (),
            "reference_date": data.get("reference_date")
            if key in PER_CAPITA_KEYS
            else data.get("stated_date")
            if key == AllocationKey.MANUAL
            else None,
            "source": data.get("source") or "",
            "confirmed_total": data.get("rate_total")
            if key == AllocationKey.RATE and data.get("confirm_total")
            else None,
            "rate": data.get("rate") if key in (AllocationKey.RATE, AllocationKey.MANUAL) else None,
            "flat_amount": data.get("flat_amount") if key == AllocationKey.FLAT else None,
            "ratio_source": data.get("ratio_source") if key == AllocationKey.RATIO else None,
            "weights": data.get("weights") if key == AllocationKey.WEIGHTS else None,
            "amounts": data.get("amounts") if key == AllocationKey.MANUAL else None,
            "top_slice": data.get("top_slice") or 0,
            "top_slice_to": data.get("top_slice_to"),
            "top_slice_purpose": data.get("top_slice_purpose") or "",
        }
