import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pusselbit.funds.engine import (
    AllocationError,
    allocate,
    allocate_by_rate,
    round_to_unit,
)

# Västra Götaland's four associations of local authorities (kommunalförbund) by population.
VG = [
    ("GR", Decimal("956171")),
    ("Fyrbodal", Decimal("273847")),
    ("Skaraborg", Decimal("268265")),
    ("Sjuhärad", Decimal("225856")),
]


def test_allocate_vg_million_in_kronor():
    result = allocate(Decimal("1000000"), VG)

    assert result.amounts == {
        "GR": Decimal("554579"),
        "Fyrbodal": Decimal("158831"),
        "Skaraborg": Decimal("155594"),
        "Sjuhärad": Decimal("130996"),
    }
    assert result.total == Decimal("1000000")
    assert [share.key for share in result.shares] == ["GR", "Fyrbodal", "Skaraborg", "Sjuhärad"]
    assert [share.weight for share in result.shares] == [weight for _key, weight in VG]


def test_allocate_vg_million_in_ore():
    result = allocate(Decimal("1000000"), VG, unit="ore")

    assert [str(share.amount) for share in result.shares] == [
        "554578.84",
        "158831.16",
        "155593.60",
        "130996.40",
    ]
    assert sum(result.amounts.values()) == Decimal("1000000.00")
    assert str(result.total) == "1000000.00"


def test_allocate_top_slice_is_kept_apart_and_rest_split():
    result = allocate(Decimal("1000000"), VG, top_slice=Decimal("100000"))

    assert result.amounts == {
        "GR": Decimal("499121"),
        "Fyrbodal": Decimal("142948"),
        "Skaraborg": Decimal("140034"),
        "Sjuhärad": Decimal("117897"),
    }
    assert result.total == Decimal("900000")
    assert result.top_slice == Decimal("100000")


def test_allocate_top_slice_equal_to_total_leaves_zero_for_everyone():
    result = allocate(Decimal("500"), VG, top_slice=Decimal("500"))

    assert set(result.amounts.values()) == {Decimal("0")}
    assert result.total == Decimal("0")


def test_allocate_by_rate_rounds_total_half_up_then_splits():
    # 0,580 kr × 1 724 139 inhabitants = 1 000 000,62 kr, rounded to 1 000 001 kr.
    result = allocate_by_rate(Decimal("0.580"), VG)

    assert result.total == Decimal("1000001")
    assert result.amounts == {
        "GR": Decimal("554579"),
        "Fyrbodal": Decimal("158831"),
        "Skaraborg": Decimal("155594"),
        "Sjuhärad": Decimal("130997"),
    }


def test_allocate_by_rate_in_ore_keeps_the_ore():
    result = allocate_by_rate(Decimal("0.580"), VG, unit="ore")

    assert str(result.total) == "1000000.62"
    assert sum(result.amounts.values()) == Decimal("1000000.62")


def test_allocate_by_rate_top_slice_comes_on_top_of_the_rate():
    result = allocate_by_rate(Decimal("0.580"), VG, top_slice=Decimal("100000"))

    assert result.total == Decimal("1000001")
    assert result.top_slice == Decimal("100000")
    assert result.amounts["Sjuhärad"] == Decimal("130997")


def test_allocate_equal_remainders_go_to_larger_weight_first():
    # Quotas 0,5 and 1,5: equal remainders, so the one unit left goes to the larger weight.
    result = allocate(Decimal("2"), [("a", Decimal("1")), ("b", Decimal("3"))])

    assert result.amounts == {"a": Decimal("0"), "b": Decimal("2")}


def test_allocate_equal_remainders_and_weights_go_to_first_key():
    result = allocate(Decimal("2"), [("c", "1"), ("b", "1"), ("a", "1")])

    assert result.amounts == {"a": Decimal("1"), "b": Decimal("1"), "c": Decimal("0")}
    assert [share.key for share in result.shares] == ["c", "b", "a"]


def test_allocate_keys_are_compared_as_strings():
    result = allocate(Decimal("1"), [(9, "1"), (10, "1")])

    assert result.amounts == {9: Decimal("0"), 10: Decimal("1")}


def test_allocate_zero_weight_gets_nothing():
    result = allocate(Decimal("10"), [("a", "0"), ("b", "1")])

    assert result.amounts == {"a": Decimal("0"), "b": Decimal("10")}


def test_allocate_accepts_strings_and_ints():
    result = allocate("100", [("a", 1), ("b", "3")])

    assert result.amounts == {"a": Decimal("25"), "b": Decimal("75")}


def test_allocate_weights_differing_past_28_digits_are_not_merged():
    # Decimal's default context keeps 28 digits; the engine must not round weights.
    result = allocate(Decimal("1"), [("a", "1"), ("b", "1.0000000000000000000000000001")])

    assert result.amounts == {"a": Decimal("0"), "b": Decimal("1")}


def test_allocate_total_with_more_than_28_digits_is_exact():
    total = Decimal("1234567890123456789012345678.91")

    result = allocate(total, [("a", "1"), ("b", "1")], unit="ore")

    assert result.amounts == {
        "a": Decimal("617283945061728394506172839.46"),
        "b": Decimal("617283945061728394506172839.45"),
    }


def test_allocate_by_rate_rounds_once_not_twice():
    # 0,5 × 4,99999999999999999999999999999 = 2,499…95, which is 2 kr; rounding the product to
    # 28 digits first would make it 2,5 and then 3 kr.
    result = allocate_by_rate(Decimal("0.5"), [("a", "4.99999999999999999999999999999")])

    assert result.total == Decimal("2")


@pytest.mark.parametrize(
    ("amount", "unit", "rounded"),
    [
        ("0.5", "krona", "1"),
        ("2.5", "krona", "3"),
        ("2.49", "krona", "2"),
        ("0.005", "ore", "0.01"),
        ("1000000.625", "ore", "1000000.63"),
    ],
)
def test_round_to_unit_rounds_half_up(amount, unit, rounded):
    assert str(round_to_unit(Decimal(amount), unit)) == rounded


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: allocate(Decimal("10"), [("a", "1"), ("b", "-1")]), "weight of 'b' is negative"),
        (lambda: allocate(Decimal("10"), [("a", "0"), ("b", "0")]), "all weights are zero"),
        (lambda: allocate(Decimal("10"), []), "there are no recipients"),
        (lambda: allocate(Decimal("10"), [("a", "1"), ("a", "2")]), "a recipient appears twice"),
        (lambda: allocate(Decimal("10"), [("a", 1.5)]), "not a float"),
        (lambda: allocate(10.0, [("a", "1")]), "the total must be a Decimal or a string"),
        (lambda: allocate(Decimal("10"), [("a", "1")], top_slice=0.5), "not a float"),
        (lambda: allocate_by_rate(0.58, [("a", "1")]), "the rate must be a Decimal"),
        (lambda: allocate(Decimal("10.5"), [("a", "1")]), "not a whole number of the unit 1"),
        (
            lambda: allocate(Decimal("10.005"), [("a", "1")], unit="ore"),
            "not a whole number of the unit 0.01",
        ),
        (
            lambda: allocate(Decimal("10"), [("a", "1")], top_slice=Decimal("0.5")),
            "the top slice 0.5 is not a whole number",
        ),
        (
            lambda: allocate(Decimal("10"), [("a", "1")], top_slice=Decimal("11")),
            "the top slice 11 must lie between 0 and the total 10",
        ),
        (
            lambda: allocate(Decimal("10"), [("a", "1")], top_slice=Decimal("-1")),
            "the top slice -1 must lie between 0",
        ),
        (lambda: allocate(Decimal("-10"), [("a", "1")]), "the total -10 is negative"),
        (lambda: allocate("tio", [("a", "1")]), "the total 'tio' is not a number"),
        (lambda: allocate("NaN", [("a", "1")]), "is not a finite number"),
        (lambda: allocate(Decimal("10"), [("a", "1")], unit="euro"), "unknown unit 'euro'"),
        (lambda: allocate_by_rate(Decimal("-0.5"), [("a", "1")]), "the rate -0.5 is negative"),
    ],
)
def test_allocate_refuses_bad_input(call, message):
    with pytest.raises(AllocationError, match=re.escape(message)):
        call()


# Properties, over random totals, weights and top slices.

PROPERTIES = settings(max_examples=200, deadline=None)
QUANTA = {"krona": Decimal("1"), "ore": Decimal("0.01")}


@st.composite
def allocations(draw):
    """(total, weights as (key, weight) pairs, unit, top slice)."""
    unit = draw(st.sampled_from(["krona", "ore"]))
    exponent = QUANTA[unit].as_tuple().exponent
    total_units = draw(st.integers(min_value=0, max_value=10**12))
    # Small integers make equal weights and equal remainders likely, so the tie-break is tried.
    weight = st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.one_of(st.integers(0, 10), st.integers(0, 10**10)),
        st.integers(0, 6),
    )
    weights = draw(st.lists(weight, min_size=1, max_size=200).filter(any))
    top_units = draw(st.none() | st.integers(min_value=0, max_value=total_units))
    top_slice = Decimal(0) if top_units is None else Decimal(top_units).scaleb(exponent)
    pairs = [(f"r{i}", w) for i, w in enumerate(weights)]
    return Decimal(total_units).scaleb(exponent), pairs, unit, top_slice


@PROPERTIES
@given(allocations())
def test_allocate_parts_sum_to_total_less_top_slice(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    assert sum(share.amount for share in result.shares) == total - top_slice
    assert result.total == total - top_slice


@PROPERTIES
@given(allocations())
def test_allocate_no_part_is_negative(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    assert all(share.amount >= 0 for share in result.shares)


@PROPERTIES
@given(allocations())
def test_allocate_larger_weight_never_gets_less(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    amounts_by_weight = {}
    for share in result.shares:
        amounts_by_weight.setdefault(share.weight, []).append(share.amount)
    most_for_smaller_weights = None
    for weight in sorted(amounts_by_weight):
        amounts = amounts_by_weight[weight]
        if most_for_smaller_weights is not None:
            assert min(amounts) >= most_for_smaller_weights, weight
        most_for_smaller_weights = max([*amounts, most_for_smaller_weights or amounts[0]])


@PROPERTIES
@given(allocations(), st.randoms(use_true_random=False))
def test_allocate_does_not_depend_on_input_order(case, random):
    total, pairs, unit, top_slice = case
    shuffled = list(pairs)
    random.shuffle(shuffled)

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)
    again = allocate(total, shuffled, unit=unit, top_slice=top_slice)

    assert again.amounts == result.amounts
    assert [share.key for share in again.shares] == [key for key, _weight in shuffled]


@PROPERTIES
@given(allocations())
def test_allocate_each_part_is_within_one_unit_of_its_quota(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    weight_sum = sum(Fraction(weight) for _key, weight in pairs)
    split = Fraction(total - top_slice)
    unit_size = Fraction(QUANTA[unit])
    for share in result.shares:
        quota = split * Fraction(share.weight) / weight_sum
        assert abs(Fraction(share.amount) - quota) < unit_size, share


@PROPERTIES
@given(allocations())
def test_allocate_amounts_are_whole_units(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    exponent = QUANTA[unit].as_tuple().exponent
    assert all(share.amount.as_tuple().exponent == exponent for share in result.shares)


# The engine against a straightforward reference ------------------------------------------------
def reference_allocate(total, pairs, unit, top_slice):
    """Largest remainder as the module's docstring says it, one recipient at a time, with exact
    fractions and one sort over every recipient: the engine as it was before it was made fast
    (integers inside, floats to find the cut). Returns the amounts in the input's order, as str
    (so that the exponent counts too)."""
    quantum = QUANTA[unit]
    units = int((total - top_slice) / quantum)
    weight_sum = sum(Fraction(weight) for _key, weight in pairs)
    quotas = [units * Fraction(weight) / weight_sum for _key, weight in pairs]
    floors = [int(quota) for quota in quotas]  # quotas are never negative: int() is floor
    order = sorted(
        range(len(pairs)),
        key=lambda i: (-(quotas[i] - floors[i]), -Fraction(pairs[i][1]), str(pairs[i][0])),
    )
    for i in order[: units - sum(floors)]:
        floors[i] += 1
    return [str(Decimal(whole).scaleb(quantum.as_tuple().exponent)) for whole in floors]


@st.composite
def awkward_allocations(draw):
    """As allocations(), and: keys of mixed kinds (compared as strings: 10 before 9), and
    weights so large (past 2**53) that distinct remainders may share one float."""
    total, pairs, unit, top_slice = draw(allocations())
    huge = draw(st.booleans())
    keys = draw(
        st.lists(
            st.one_of(st.integers(0, 30), st.text("ab9", max_size=3)),
            min_size=len(pairs),
            max_size=len(pairs),
            unique_by=str,
        )
    )
    weights = [w + Decimal(10**30) if huge else w for _key, w in pairs]
    return total, list(zip(keys, weights, strict=True)), unit, top_slice


@PROPERTIES
@given(st.one_of(allocations(), awkward_allocations()))
def test_allocate_gives_what_the_reference_gives(case):
    total, pairs, unit, top_slice = case

    result = allocate(total, pairs, unit=unit, top_slice=top_slice)

    assert [str(share.amount) for share in result.shares] == reference_allocate(*case)
    assert [(share.key, share.weight) for share in result.shares] == pairs


def test_allocate_breaks_ties_at_the_cut_among_many_equal_remainders():
    """100 equal weights and 37 units left over: the first 37 keys as strings get one more."""
    pairs = [(n, Decimal(1)) for n in range(100)]

    result = allocate(Decimal("0.37"), pairs, unit="ore")

    favoured = sorted(range(100), key=str)[:37]
    assert [n for n, amount in result.amounts.items() if amount] == sorted(favoured)
    reference = reference_allocate(Decimal("0.37"), pairs, "ore", Decimal(0))
    assert [str(a) for a in result.amounts.values()] == reference
