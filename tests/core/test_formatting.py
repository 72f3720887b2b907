import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from pusselbit.core.formatting import (
    format_iso_date,
    format_long_date,
    format_money,
    format_number,
    format_whole_kronor,
)

NBSP = "\xa0"


def plain(text):
    return text.replace(NBSP, " ")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_money_is_swedish_in_both_languages(language):
    with translation.override(language):
        assert plain(format_money(Decimal("7649410.97"))) == "7 649 410,97 kr"
        assert plain(format_whole_kronor(18172239)) == "18 172 239 kr"
        assert plain(format_number(10327589)) == "10 327 589"


def test_money_keeps_ore_exactly():
    assert plain(format_money(Decimal("0.10") + Decimal("0.20"))) == "0,30 kr"


def test_money_refuses_float():
    with pytest.raises(TypeError):
        format_money(0.1)


def test_dates_in_running_text_and_tables():
    day = datetime.date(2021, 3, 31)
    assert format_long_date(day, language="sv") == "31 mars 2021"
    assert format_long_date(day, language="en") == "31 March 2021"
    assert format_iso_date(day) == "2021-03-31"


def test_swedish_sort_puts_a_ring_a_umlaut_o_umlaut_last():
    from pusselbit.core.formatting import swedish_sort_key

    names = ["Öckerö", "Ale", "Älvdalen", "Åmål", "Ystad", "Ödeshög", "Essunga"]
    assert sorted(names, key=swedish_sort_key) == [
        "Ale",
        "Essunga",
        "Ystad",
        "Åmål",
        "Älvdalen",
        "Öckerö",
        "Ödeshög",
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_file_sizes_as_a_download_link_gives_them(language):
    from pusselbit.core.formatting import format_file_size

    with translation.override(language):
        assert plain(format_file_size(12)) == "1 kB"
        assert plain(format_file_size(23_720)) == "24 kB"
        assert plain(format_file_size(999_499)) == "999 kB"
        assert plain(format_file_size(1_349_999)) == "1,3 MB"
        assert plain(format_file_size(12_345_678)) == "12,3 MB"
