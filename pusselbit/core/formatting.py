"""Money, numbers and dates the Swedish way, in either language, through Babel.

English pages use the en_SE locale: English words with Swedish conventions
(7 649 410,97 kr; 31 March 2021), which is what a Swedish public body publishes.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from django.utils import timezone, translation

from .money_format import money_formatter, parsed_locale

BABEL_LOCALES = {"sv": "sv_SE", "en": "en_SE"}

WHOLE_KRONOR = "#,##0\xa0¤"


def babel_locale(language: str | None = None) -> str:
    language = (language or translation.get_language() or "sv").split("-")[0]
    return BABEL_LOCALES.get(language, "sv_SE")


def format_money(amount: Decimal | int, *, language: str | None = None) -> str:
    """`7 649 410,97 kr`. Amounts are Decimal (or whole kronor as int), never float."""
    if isinstance(amount, float):
        raise TypeError("Money is Decimal, never float.")
    return money_formatter(babel_locale(language), None)(Decimal(amount))


def format_whole_kronor(amount: Decimal | int, *, language: str | None = None) -> str:
    """`18 172 239 kr`: a rounded amount ("avrundat belopp"), shown without öre."""
    if isinstance(amount, float):
        raise TypeError("Money is Decimal, never float.")
    return money_formatter(babel_locale(language), WHOLE_KRONOR)(Decimal(amount))


def format_number(value: int | Decimal, *, language: str | None = None) -> str:
    """`10 327 589`."""
    return format_decimal(value, locale=parsed_locale(babel_locale(language)))


def format_long_date(value: datetime.date, *, language: str | None = None) -> str:
    """`31 mars 2021`, for running text."""
    return format_date(value, format="long", locale=parsed_locale(babel_locale(language)))


def format_long_datetime(value: datetime.datetime, *, language: str | None = None) -> str:
    """`22 november 2026 18:16`, in Swedish time."""
    local = timezone.localtime(value)
    locale = parsed_locale(babel_locale(language))
    date = format_date(local, format="long", locale=locale)
    return f"{date} {format_time(local, 'short', locale=locale)}"


def format_file_size(size: int, *, language: str | None = None) -> str:
    """`24 kB`, `1,3 MB`: a file's size as a download link gives it, in SI units (1 kB is
    1 000 bytes, as file managers count), whole kilobytes (at least 1) below a megabyte."""
    locale = parsed_locale(babel_locale(language))
    if size < 1_000_000:
        kilobytes = max(1, (size + 500) // 1000)
        return f"{format_decimal(kilobytes, locale=locale)}\xa0kB"
    megabytes = (Decimal(size) / 1_000_000).quantize(Decimal("0.1"))
    return f"{format_decimal(megabytes, locale=locale)}\xa0MB"


def format_iso_date(value: datetime.date) -> str:
    """`2021-03-31`, for tables."""
    return value.isoformat()


# Swedish alphabetical order: å, ä, ö come after z (and in that order); é sorts as e, ü as y.
_SWEDISH_ORDER = str.maketrans(
    {
        "å": "z\x01",
        "ä": "z\x02",
        "æ": "z\x02",
        "ö": "z\x03",
        "ø": "z\x03",
        "é": "e",
        "è": "e",
        "ü": "y",
    }
)


def swedish_sort_key(text: str) -> str:
    """Sort key for names in Swedish order: Åmål, Älvdalen and Öckerö come after Ystad."""
    return text.casefold().translate(_SWEDISH_ORDER)
