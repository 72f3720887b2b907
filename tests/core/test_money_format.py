"""Money formatted through the cached pattern is byte for byte what Babel's format_currency gives,
in both languages, for öre, negatives, zero (signed too), rounding and very large amounts."""

import random
from decimal import Decimal

import pytest
from babel.numbers import format_currency

from pusselbit.core.formatting import format_money, format_whole_kronor

AMOUNTS = [
    "0",
    "-0",
    "0.00",
    "-0.00",
    "0.001",
    "-0.001",
    "0.005",
    "0.015",
    "0.025",
    "-0.005",
    "0.5",
    "1",
    "-1",
    "1.5",
    "2.5",
    "-2.5",
    "0.01",
    "-0.01",
    "0.1",
    "12.3",
    "999.995",
    "999.994",
    "1000",
    "-1000",
    "1234.56",
    "12345.6",
    "123456.78",
    "-123456.78",
    "1000000",
    "7649410.97",
    "26538800.19",
    "-26538800.19",
    "999999999999.99",
    "123456789012345678.91",
    "1E+3",
    "1E-7",
    "1.000000000",
    "100.10",
]


def babel_money(amount: Decimal, locale: str) -> str:
    return format_currency(amount, "SEK", locale=locale)


def babel_whole(amount: Decimal, locale: str) -> str:
    return format_currency(amount, "SEK", format="#,##0\xa0¤", locale=locale, currency_digits=False)


def many() -> list[Decimal]:
    rng = random.Random(12)
    values = [Decimal(a) for a in AMOUNTS]
    for digits in range(1, 16):
        for _ in range(40):
            cents = rng.randrange(10**digits)
            sign = rng.choice([1, -1])
            values.append(Decimal(sign * cents).scaleb(-rng.choice([0, 1, 2, 3, 4])))
    return values


@pytest.mark.parametrize(("language", "locale"), [("sv", "sv_SE"), ("en", "en_SE")])
def test_money_is_babels_to_the_byte(language, locale):
    for amount in many():
        assert format_money(amount, language=language) == babel_money(amount, locale), amount
        assert format_whole_kronor(amount, language=language) == babel_whole(amount, locale), amount


@pytest.mark.parametrize("language", ["sv", "en"])
def test_whole_kronor_and_int_amounts(language):
    locale = {"sv": "sv_SE", "en": "en_SE"}[language]
    for amount in [0, 1, -1, 1000, 18172239, -18172239, 10**15]:
        assert format_money(amount, language=language) == babel_money(Decimal(amount), locale)
        assert format_whole_kronor(amount, language=language) == babel_whole(
            Decimal(amount), locale
        )


def test_the_swedish_shape():
    assert format_money(Decimal("7649410.97"), language="sv") == "7\xa0649\xa0410,97\xa0kr"
    assert format_money(Decimal("-0.5"), language="sv") == "-0,50\xa0kr"
    assert format_whole_kronor(Decimal("18172239.5"), language="en") == "18\xa0172\xa0240\xa0kr"


def test_float_is_refused():
    with pytest.raises(TypeError):
        format_money(1.5)
    with pytest.raises(TypeError):
        format_whole_kronor(1.5)
