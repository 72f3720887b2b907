"""Babel's currency formatting, with the locale's pattern and symbols looked up once.

`babel.numbers.format_currency` parses the locale and looks up the pattern, the currency's
precision, the group and decimal symbols and the currency symbol on every call: about 50–200 µs,
which a ledger of a thousand rows pays six thousand times. Here those lookups run once per
(locale, pattern) and each call does only the arithmetic Babel's `NumberPattern.apply` does, in
the same order, so the text is byte for byte Babel's (tests/core/test_money_format.py compares
them over many amounts). A pattern this does not know how to apply goes to Babel itself.
"""

import functools
import re
from collections.abc import Callable
from decimal import Decimal

from babel import Locale
from babel.numbers import (
    format_currency,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_quantum,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

CURRENCY = "SEK"


@functools.cache
def parsed_locale(identifier: str) -> Locale:
    """The Locale object, parsed once: Babel accepts it wherever it accepts the identifier."""
    return Locale.parse(identifier)


def _affix(text: str, symbol: str) -> str:
    # What NumberPattern.apply does to the whole text; the number itself holds no ¤ and no quote.
    text = text.replace("¤¤¤", "\0").replace("¤¤", CURRENCY).replace("¤", symbol)
    return re.sub(r"'([^']*)'", lambda m: m.group(1) or "'", text)


@functools.cache
def money_formatter(identifier: str, pattern_text: str | None) -> Callable[[Decimal], str]:
    """A function formatting a Decimal amount of SEK as `format_currency(amount, "SEK",
    format=pattern_text, locale=identifier, currency_digits=pattern_text is None)` would."""
    locale = parsed_locale(identifier)
    currency_digits = pattern_text is None
    pattern = (
        locale.currency_formats["standard"] if pattern_text is None else parse_pattern(pattern_text)
    )

    def babel(amount: Decimal) -> str:
        return format_currency(
            amount, CURRENCY, format=pattern_text, locale=locale, currency_digits=currency_digits
        )

    frac_min, frac_max = (
        (get_currency_precision(CURRENCY),) * 2 if currency_digits else pattern.frac_prec
    )
    symbol = get_currency_symbol(CURRENCY, locale)
    simple = (
        pattern.scale == 0
        and not pattern.exp_prec
        and "@" not in pattern.pattern
        and pattern.number_pattern != ""
        and frac_min == frac_max
        and "¤¤¤" not in pattern.pattern
        and all(size > 0 for size in pattern.grouping)
    )
    if not simple:
        return babel
    quantum = get_decimal_quantum(frac_max)
    decimal_symbol = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    first, then = pattern.grouping
    least = pattern.int_prec[0]
    prefixes = [_affix(text, symbol) for text in pattern.prefix]
    suffixes = [_affix(text, symbol) for text in pattern.suffix]

    def fast(amount: Decimal) -> str:
        if not amount.is_finite():
            return babel(amount)
        negative = int(amount.is_signed())
        whole, _point, fraction = f"{abs(amount).normalize().quantize(quantum):f}".partition(".")
        if len(whole) < least:
            whole = "0" * (least - len(whole)) + whole
        grouped, size = "", first
        while len(whole) > size:
            grouped = group + whole[-size:] + grouped
            whole = whole[:-size]
            size = then
        number = whole + grouped
        if frac_max:
            number += decimal_symbol + (fraction or "0").ljust(frac_min, "0")
        return prefixes[negative] + number + suffixes[negative]

    return fast
