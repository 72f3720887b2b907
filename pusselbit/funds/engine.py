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

import gc
import operator
from collections.abc import Hashable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import MAX_PREC, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from typing import NamedTuple

UNITS = {"krona": Decimal("1"), "ore": Decimal("0.01")}

# The default context rounds to 28 significant digits, which would merge two weights that differ
# in the 29th digit or pass a total that is not whole. Under _EXACT, addition, multiplication and
# scaleb are exact (it is never used for division); the exponent limits stay the default ones.
_EXACT = Context(prec=MAX_PREC)


class AllocationError(ValueError):
    """The input cannot be allocated; the message says why."""


class ComputedShare(NamedTuple):
    # A named tuple, not a frozen dataclass: as immutable, and made three times faster, which
    # counts at 100 000 recipients (a frozen dataclass sets each field through __setattr__).
    key: Hashable
    weight: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Result:
    total: Decimal  # what was split: the given total, less the top slice
    top_slice: Decimal
    shares: tuple[ComputedShare, ...]  # in the order the weights were given

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
    with _no_cycle_collection():
        return _allocate(total, weights, unit, top_slice)


@contextmanager
def _no_cycle_collection():
    """Pause Python's cycle collector: an allocation makes a few objects per recipient and no
    cycles, and the collector would otherwise walk every one of them again and again while the
    lists grow (a third of the time at 100 000 recipients). It runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _allocate(total, weights, unit: str, top_slice) -> Result:
    quantum = _unit(unit)
    total = _decimal(total, "the total")
    top_slice = _decimal(top_slice, "the top slice")
    keys, decimals = _keys_and_weights(weights)
    if total < 0:
        raise AllocationError(f"the total {total} is negative")
    if top_slice < 0 or top_slice > total:
        raise AllocationError(f"the top slice {top_slice} must lie between 0 and the total {total}")
    if not keys:
        raise AllocationError("there are no recipients")
    if len(set(keys)) != len(keys):
        raise AllocationError("a recipient appears twice")
    if min(decimals) < 0:
        negative = next(k for k, w in zip(keys, decimals, strict=True) if w < 0)
        raise AllocationError(f"the weight of {negative!r} is negative")
    units = _in_units(total, quantum, "the total") - _in_units(top_slice, quantum, "the top slice")
    integers = _integer_weights(decimals)
    weight_sum = sum(integers)
    if weight_sum == 0:
        raise AllocationError("all weights are zero")

    # From here on everything is int: whole units and their remainders, no Decimal per recipient
    # until the amounts are made at the end.
    floors, remainders = [], []
    for weight in integers:
        whole, remainder = divmod(units * weight, weight_sum)
        floors.append(whole)
        remainders.append(remainder)
    left = units - sum(floors)
    if left:
        for i in _largest_remainders(left, remainders, weight_sum, integers, keys):
            floors[i] += 1
    exponent = quantum.as_tuple().exponent
    amounts = _amounts(floors, exponent)
    shares = tuple(map(ComputedShare, keys, decimals, amounts))
    return Result(total=_amount(units, exponent), top_slice=top_slice, shares=shares)


def _keys_and_weights(weights) -> tuple[list, list[Decimal]]:
    """The keys, and the weights as finite Decimals; a Decimal given is taken as it is (the
    common case: no new object per recipient), anything else goes through _decimal, in order,
    so the first bad weight is the one named."""
    pairs = list(weights)
    keys = [key for key, _weight in pairs]
    decimals = [weight for _key, weight in pairs]
    if not all(type(weight) is Decimal and weight.is_finite() for weight in decimals):
        decimals = [
            _decimal(weight, f"the weight of {key!r}")
            for key, weight in zip(keys, decimals, strict=True)
        ]
    return keys, decimals


def _integer_weights(decimals: list[Decimal]) -> list[int]:
    """The weights as ints in a common scale. Whole weights (inhabitants) are their own ints;
    otherwise all are scaled by 10**places, where places is the most decimals any weight has.
    Any common scale gives the same split: quotas, and the order of remainders and weights,
    do not change when every weight is multiplied by the same number."""
    integers = list(map(int, decimals))
    if all(map(operator.eq, integers, decimals)):
        return integers
    places = max(max(-weight.as_tuple().exponent, 0) for weight in decimals)
    return [int(weight.scaleb(places, _EXACT)) for weight in decimals]


def _largest_remainders(left: int, remainders: list[int], weight_sum: int, integers, keys):
    """The `left` indices that get one unit more: the largest remainders, then the larger
    weight, then the key that sorts first as a string — the order of the module's docstring.

    The cut is found on floats (remainder / sum of weights), which sort fast; as int / int is
    rounded correctly, and so never reverses an order, every float above the cut's is above it
    exactly too, and only those equal to the cut's float are compared exactly."""
    fractions = [remainder / weight_sum for remainder in remainders]
    cut = sorted(fractions, reverse=True)[left - 1]
    above = [i for i, fraction in enumerate(fractions) if fraction > cut]
    at_cut = [i for i, fraction in enumerate(fractions) if fraction == cut]
    wanted = left - len(above)
    if wanted < len(at_cut):
        at_cut.sort(key=lambda i: (-remainders[i], -integers[i], str(keys[i])))
    return above + at_cut[:wanted]


def _amounts(units: list[int], exponent: int) -> list[Decimal]:
    """Whole units as Decimal amounts with the unit's exponent (Decimal('812400.00') in öre)."""
    if exponent == 0:
        return list(map(Decimal, units))
    # Exact: a context as precise as the largest amount needs (a product never rounds then).
    digits = len(str(max(units))) + 2  # units are never negative
    context = Context(prec=digits, Emin=_EXACT.Emin, Emax=_EXACT.Emax)
    unit = Decimal(1).scaleb(exponent)
    multiply = context.multiply
    return [multiply(whole, unit) for whole in units]


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
