from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_money, format_number, format_whole_kronor
from pusselbit.core.permissions import require
from pusselbit.core.spreadsheets import (
    SpreadsheetRefused,
    columns,
    filled_rows,
    read_number,
    read_table,
)
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import AssociationMembership, Organisation, PopulationFigure

from .. import engine
from ..enums import AllocationKey, Unit
from ..models import Agreement, Allocation, RegionFunds, Share
from ..tables import format_per_inhabitant


class AllocationRefused(ValidationError):
    """The allocation cannot be made; nothing was written."""


class RateTotalUnconfirmed(AllocationRefused):
    """A rate per inhabitant gives another total than the funds to split; the user is told
    both and allocates that total only by confirming it (`confirmed_total`)."""

    def __init__(self, message, *, allocated: Decimal):
        super().__init__({"confirm_total": message})
        self.allocated = allocated


@transaction.atomic
def create_agreement(name, full_name, year, use_by, *, actor) -> Agreement:
    """A new agreement: the platform operator's (or the system's). Side effects: the audit
    entry agreement.created."""
    require(actor, "accounts.operate_platform", None)
    agreement = Agreement.objects.create(name=name, full_name=full_name, year=year, use_by=use_by)
    audit.record("agreement.created", agreement, actor=actor, name=name)
    return agreement


@transaction.atomic
def set_region_funds(agreement, region, direction, amount: Decimal, *, actor) -> RegionFunds:
    """Set what the agreement brings the region for a direction. Once funds are allocated and
    committed, the amount can no longer change under them."""
    require(actor, "funds.manage_funds", region)
    funds, created = RegionFunds.objects.get_or_create(
        agreement=agreement, region=region, direction=direction, defaults={"amount": amount}
    )
    if not created and funds.amount != amount:
        if Share.objects.filter(allocation__funds=funds, commitments__isnull=False).exists():
            raise AllocationRefused(_("Funds already committed; the amount cannot change."))
        funds.amount = amount
        funds.save(update_fields=["amount"])
    audit.record("funds.set", funds, actor=actor, amount=amount)
    return funds


def population_weights(recipients, reference_date) -> list[tuple[Organisation, Decimal]]:
    """Each recipient's population at the date: a municipality's own figure, an association's
    counting members' figures summed, a region's municipalities' figures summed."""
    weights, missing = [], []
    for recipient in recipients:
        if recipient.kind == OrganisationKind.MUNICIPALITY:
            members = Q(organisation=recipient)
        elif recipient.kind == OrganisationKind.ASSOCIATION:
            members = Q(
                # A municipality's membership of an association, not a user's role.
                organisation__in=AssociationMembership.objects.filter(
                    association=recipient, counts_in_per_capita_split=True
                ).values("member")
            )
        elif recipient.kind == OrganisationKind.REGION:
            members = Q(
                organisation__region=recipient.region,
                organisation__kind=OrganisationKind.MUNICIPALITY,
            )
        else:
            missing.append(recipient.name)
            continue
        total = PopulationFigure.objects.filter(members, reference_date=reference_date).aggregate(
            total=Sum("population")
        )["total"]
        if total is None:
            missing.append(recipient.name)
        else:
            weights.append((recipient, Decimal(total)))
    if missing:
        raise AllocationRefused(
            _("No population figures on %(date)s for: %(names)s.")
            % {"date": reference_date.isoformat(), "names": ", ".join(missing)}
        )
    return weights


# The columns of a weights file, also by their Swedish names (as a spreadsheet may say
# mottagare;vikt); the `allocate` command reads the same files.
WEIGHT_COLUMNS = ["recipient", "weight"]
WEIGHT_ALIASES = {"mottagare": "recipient", "vikt": "weight"}


def weights_from_file(name: str, content: bytes, region) -> list[tuple[Organisation, Decimal]]:
    """Weights from a spreadsheet (.csv or .xlsx, read by core.spreadsheets.read_table) with the
    columns recipient,weight; a recipient is an organisation's code or exact name in the
    region. Raises AllocationRefused naming the row."""
    try:
        return _weights_of_table(read_table(name, content), region)
    except SpreadsheetRefused as error:
        raise AllocationRefused(str(error)) from error


def _weights_of_table(rows, region) -> list[tuple[Organisation, Decimal]]:
    at = columns(rows[0], WEIGHT_COLUMNS, aliases=WEIGHT_ALIASES)
    r, w = at["recipient"], at["weight"]
    organisations = Organisation.objects.filter(Q(region=region) | Q(associations__region=region))
    by_key = {}
    for organisation in organisations:
        by_key[organisation.name.casefold()] = organisation
        if organisation.code:
            by_key[organisation.code.casefold()] = organisation
    weights, seen = [], set()
    for number, row in filled_rows(rows):
        name = row[r] if len(row) > r else ""
        organisation = by_key.get(name.casefold())
        if organisation is None:
            raise SpreadsheetRefused(
                _("the recipient %(name)s is unknown.") % {"name": name}, row=number
            )
        if organisation.pk in seen:
            raise SpreadsheetRefused(_("%(name)s appears again.") % {"name": name}, row=number)
        seen.add(organisation.pk)
        written = row[w] if len(row) > w else ""
        weight = read_number(written)
        if weight is None or weight < 0:
            raise SpreadsheetRefused(
                _("the weight %(value)r is not a non-negative number.") % {"value": written},
                row=number,
            )
        weights.append((organisation, weight))
    return weights


@transaction.atomic
def allocate_funds(
    funds: RegionFunds,
    *,
    actor,
    key: AllocationKey,
    unit="ore",
    recipients=(),
    reference_date=None,
    rate=None,
    flat_amount=None,
    ratio_source=None,
    weights=None,
    amounts=None,
    top_slice=Decimal("0"),
    top_slice_to=None,
    top_slice_purpose="",
    source="",
    confirmed_total=None,
) -> Allocation:
    """Split the region's funds for a direction over recipients by `key`, replacing an earlier
    allocation that nothing has been committed against. Side effects: the Allocation and its
    Shares (the ledger's accounts), an audit entry. Raises AllocationRefused, writing nothing.

    A rate per inhabitant gives rate × population, which seldom is the funds to split: a total
    above them is refused, one below is made only when `confirmed_total` is that total (the
    user has seen it, and what is left unallocated). A manual table may state the rate and
    reference date it was made with, both or neither, and `source` says where its figures come
    from."""
    require(actor, "funds.manage_funds", funds.region)
    old = Allocation.objects.filter(funds=funds).first()
    if (
        old
        and Share.objects.filter(allocation=old)
        .filter(Q(commitments__isnull=False) | Q(spendings__isnull=False))
        .exists()
    ):
        raise AllocationRefused(
            _("Funds are committed against this allocation; it cannot be made again.")
        )
    top_slice = Decimal(top_slice or 0)
    if top_slice and top_slice_to is None:
        raise AllocationRefused({"top_slice_to": _("Say who holds the pooled top slice.")})
    try:
        if key == AllocationKey.MANUAL:
            result = _manual(funds, amounts or [], unit, top_slice)
        else:
            pairs = _weights(funds, key, recipients, reference_date, ratio_source, weights)
            if key in (AllocationKey.POPULATION, AllocationKey.RATE) and not source:
                source = _figures_source(funds.region, reference_date)
            if key == AllocationKey.RATE:
                result = engine.allocate_by_rate(rate, pairs, unit=unit, top_slice=top_slice)
            elif key == AllocationKey.FLAT:
                total = Decimal(flat_amount) * len(pairs) + top_slice
                result = engine.allocate(
                    total, [(o, 1) for o, _w in pairs], unit=unit, top_slice=top_slice
                )
            else:
                result = engine.allocate(funds.amount, pairs, unit=unit, top_slice=top_slice)
    except engine.AllocationError as error:
        raise AllocationRefused(str(error)) from error
    allocated = result.total + result.top_slice
    if key == AllocationKey.RATE and allocated != funds.amount:
        _check_rate_total(funds, result, rate, confirmed_total, unit)
    if allocated > funds.amount:
        raise AllocationRefused(
            _("The allocation gives %(allocated)s but the direction has %(amount)s.")
            % {"allocated": format_money(allocated), "amount": format_money(funds.amount)}
        )
    if key == AllocationKey.MANUAL and (rate is None) != (reference_date is None):
        raise AllocationRefused(
            {
                "rate" if rate is None else "stated_date": _(
                    "A manual table states both the rate per inhabitant and the population's "
                    "date, or neither."
                )
            }
        )
    values = {
        "key": key,
        "unit": unit,
        "reference_date": reference_date,
        "rate": rate,
        "flat_amount": flat_amount,
        "ratio_source": ratio_source,
        "top_slice": top_slice,
        "top_slice_purpose": top_slice_purpose,
        "source": source,
        "created_by": actor,
    }
    if old:
        # The same row, new shares: assignment documents that name the allocation keep it.
        Share.objects.filter(allocation=old).delete()
        for field, value in values.items():
            setattr(old, field, value)
        old.save()
        allocation = old
    else:
        allocation = Allocation.objects.create(funds=funds, **values)
    shares = [
        Share(allocation=allocation, recipient=s.key, weight=s.weight, amount=s.amount)
        for s in result.shares
    ]
    if top_slice:
        shares.append(
            Share(allocation=allocation, recipient=top_slice_to, amount=top_slice, pooled=True)
        )
    Share.objects.bulk_create(shares)
    audit.record(
        "funds.allocated",
        funds,
        actor=actor,
        key=key,
        allocated=allocated,
        recipients=len(result.shares),
    )
    return allocation


def _figures_source(region, reference_date) -> str:
    """Where the region's population figures at the date come from, as they were loaded."""
    sources = (
        PopulationFigure.objects.filter(organisation__region=region, reference_date=reference_date)
        .exclude(source="")
        .values_list("source", flat=True)
        .distinct()
        .order_by("source")
    )
    return "; ".join(sources)[:300]


def _check_rate_total(funds, result, rate, confirmed_total, unit) -> None:
    """A rate's total that differs from the funds to split: above them it is refused, below
    them it is made only when the user confirmed that very total. Either way the message says
    what the rate gives, what was to be split, and the rate that splits it exactly."""
    allocated = result.total + result.top_slice
    population = sum((share.weight for share in result.shares), Decimal("0"))
    to_split = funds.amount - result.top_slice
    money = format_whole_kronor if unit == Unit.KRONA else format_money
    values = {
        "rate": format_per_inhabitant(Decimal(rate)),
        "population": format_number(int(population)),
        "total": money(result.total),
        "asked": money(to_split),
        "left": money(funds.amount - allocated),
        "exact": format_per_inhabitant(to_split / population if population else None),
    }
    if allocated > funds.amount:
        raise AllocationRefused(
            {
                "rate": _(
                    "%(rate)s kr per inhabitant for %(population)s inhabitants gives "
                    "%(total)s, more than the %(asked)s the direction has to split. Lower the "
                    "rate, or choose by population, which splits exactly %(asked)s "
                    "(%(exact)s kr per inhabitant)."
                )
                % values
            }
        )
    if confirmed_total is not None and Decimal(confirmed_total) == allocated:
        return
    raise RateTotalUnconfirmed(
        _(
            "%(rate)s kr per inhabitant for %(population)s inhabitants gives %(total)s, not the "
            "%(asked)s the direction has to split; %(left)s would be left unallocated. Confirm "
            "to allocate %(total)s, or choose by population, which splits exactly %(asked)s "
            "(%(exact)s kr per inhabitant)."
        )
        % values,
        allocated=allocated,
    )


def _weights(funds, key, recipients, reference_date, ratio_source, weights):
    if key in (AllocationKey.POPULATION, AllocationKey.RATE):
        if reference_date is None:
            raise AllocationRefused({"reference_date": _("Give the population's reference date.")})
        return population_weights(recipients, reference_date)
    if key == AllocationKey.FLAT:
        return [(recipient, Decimal(1)) for recipient in recipients]
    if key == AllocationKey.RATIO:
        if ratio_source is None:
            raise AllocationRefused({"ratio_source": _("Choose the allocation to follow.")})
        return [
            (s.recipient, s.amount)
            for s in ratio_source.shares.filter(pooled=False).select_related("recipient")
        ]
    if key == AllocationKey.WEIGHTS:
        return list(weights or [])
    raise AllocationRefused(_("Unknown allocation key."))


def _manual(funds, amounts, unit, top_slice) -> engine.Result:
    """A table typed in: every amount as given; they must add up to the funds exactly."""
    quantum = engine.UNITS[unit]
    shares = []
    for recipient, amount in amounts:
        amount = Decimal(amount)
        if amount < 0 or amount != amount.quantize(quantum):
            raise AllocationRefused(
                _("%(name)s: %(amount)s is not a valid amount.")
                % {"name": recipient.name, "amount": amount}
            )
        shares.append(engine.ComputedShare(key=recipient, weight=amount, amount=amount))
    total = sum((s.amount for s in shares), Decimal("0"))
    if total + top_slice != funds.amount:
        raise AllocationRefused(
            _(
                "The table adds up to %(total)s but the direction has %(amount)s; the difference "
                "is %(difference)s."
            )
            % {
                "total": format_money(total + top_slice),
                "amount": format_money(funds.amount),
                "difference": format_money(funds.amount - total - top_slice),
            }
        )
    return engine.Result(total=total, top_slice=top_slice, shares=tuple(shares))
