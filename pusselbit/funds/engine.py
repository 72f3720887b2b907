"""The allocation engine: split an amount over recipients by weight, exactly.

Pure Python, no database. Amounts are Decimal in whole kronor or in öre; the parts always add
up to the total exactly, by the largest-remainder method:

1. Work in integer units of the chosen unit (1 kr or 1 öre) and integer weights (weights are
   scaled by a power of ten so that every weight is a whole number; nothing is rounded).
2. Each recipient's exact quota is total × weight / sum of weights; it first gets the whole units
   of its quota (rounded down).
3. The units left over (fewer than the number of recipients) go one each to the recipients with
   the largest remainders.

Tie-break (documented and deterministic): among equal remainders, the larger weight first, then
the recipient whose key sorts first (keys compared as strings). Hence the result does not depend
on the order of the input, no part is negative, and a larger weight never gets less.

A rate (e.g. 0,580 kr per inhabitant) gives the total = rate × sum of weights, rounded half up to
the unit, which is then split as above. A top slice is taken off the total first and kept apart
for a joint function; the rest is split.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import MAX_PREC, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

UNITS = {"krona": Decimal("1"), "ore": Decimal("0.01")}

# The default context rounds to 28 significant digits, which would merge two weights that differ
# in the 29th digit or pass a total that is not whole. Under _EXACT, addition, multiplication and
# scaleb are exact (it is never used for division); the exponent limits stay the default ones.
_EXACT = Context(prec=MAX_PREC)


class AllocationError(ValueError):
    """The input cannot be allocated; the message says why."""


@dataclass(frozen=True)
class Share:
    key: Hashable
    weight: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Result:
    total: Decimal  # what was split: the given total, less the top slice
    top_slice: Decimal
    shares: tuple[Share, ...]  # in the order the weights were given

    @property
    def amounts(self) -> dict:
        return {share.key: share.amount for share in self.shares}


def _unit(unit: str) -> Decimal:
    try:
        return UNITS[unit]
    except KeyError:
        raise AllocationError(f"unknown unit {unit!r}; use 'krona' or 'ore'") from None


def _decimal(value, what: str) -> Decimal:
    if isinstance(value, float):
        raise AllocationError(f"{what} must be a Decimal or a string, not a float")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise AllocationError(f"{what} {value!r} is not a number") from None
    if not number.is_finite():
        raise AllocationError(f"{what} {value!r} is not a finite number")
    return number


def _in_units(amount: Decimal, quantum: Decimal, what: str) -> int:
    scaled = amount.scaleb(-quantum.as_tuple().exponent, _EXACT)
    units = int(scaled)
    if units != scaled:
        raise AllocationError(f"{what} {amount} is not a whole number of the unit {quantum}")
    return units


def _amount(units: int, exponent: int) -> Decimal:
    return Decimal(units).scaleb(exponent, _EXACT)


def round_to_unit(amount: Decimal, unit: str = "krona") -> Decimal:
    """Round half up to whole kronor or öre (the rounding of "avrundat belopp")."""
    return amount.quantize(_unit(unit), rounding=ROUND_HALF_UP)


def allocate(
    total,
    weights: Iterable[tuple[Hashable, object]],
    *,
    unit: str = "krona",
    top_slice=Decimal("0"),
) -> Result:
    """Split `total` (less `top_slice`) over `weights`, pairs of (key, weight ≥ 0)."""
    quantum = _unit(unit)
    total = _decimal(total, "the total")
    top_slice = _decimal(top_slice, "the top slice")
    pairs = [(key, _decimal(weight, f"the weight of {key!r}")) for key, weight in weights]
    if total < 0:
        raise AllocationError(f"the total {total} is negative")
    if top_slice < 0 or top_slice > total:
        raise AllocationError(f"the top slice {top_slice} must lie between 0 and the total {total}")
    if not pairs:
        raise AllocationError("there are no recipients")
    keys = [key for key, _weight in pairs]
    if len(set(keys)) != len(keys):
        raise AllocationError("a recipient appears twice")
    negative = [key for key, weight in pairs if weight < 0]
    if negative:
        raise AllocationError(f"the weight of {negative[0]!r} is negative")
    units = _in_units(total, quantum, "the total") - _in_units(top_slice, quantum, "the top slice")

    # Integer weights: scale by 10**places, where places is the most decimals any weight has.
    places = max(max(-weight.as_tuple().exponent, 0) for _key, weight in pairs)
    integers = [int(weight.scaleb(places, _EXACT)) for _key, weight in pairs]
    weight_sum = sum(integers)
    if weight_sum == 0:
        raise AllocationError("all weights are zero")

    floors, remainders = [], []
    for weight in integers:
        whole, remainder = divmod(units * weight, weight_sum)
        floors.append(whole)
        remainders.append(remainder)
    left = units - sum(floors)
    if left:
        order = sorted(
            range(len(pairs)),
            key=lambda i: (-remainders[i], -integers[i], str(pairs[i][0])),
        )
        for i in order[:left]:
            floors[i] += 1
    exponent = quantum.as_tuple().exponent
    shares = tuple(
        Share(key=key, weight=weight, amount=_amount(whole, exponent))
        for (key, weight), whole in zip(pairs, floors, strict=True)
    )
    return Result(total=_amount(units, exponent), top_slice=top_slice, shares=shares)


def allocate_by_rate(rate, weights, *, unit: str = "krona", top_slice=Decimal("0")) -> Result:
    """Split rate × sum of weights (rounded half up to the unit) by weight; a top slice comes
    on top of what the rate gives, as a pool kept apart."""
    rate = _decimal(rate, "the rate")
    if rate < 0:
        raise AllocationError(f"the rate {rate} is negative")
    pairs = [(key, _decimal(weight, f"the weight of {key!r}")) for key, weight in weights]
    top_slice = _decimal(top_slice, "the top slice")
    with localcontext(_EXACT):
        total = round_to_unit(rate * sum((w for _k, w in pairs), Decimal("0")), unit) + top_slice
    return allocate(total, pairs, unit=unit, top_slice=top_slice)
