"""What an open dataset is: its address, titles, descriptions and columns in Swedish and English
(for the catalogue and the README), and how its rows are read for one region."""

from collections.abc import Callable
from dataclasses import dataclass

AMOUNT_SV = "Belopp i kronor med två decimaler (decimalpunkt)."
AMOUNT_EN = "Amount in kronor with two decimals (decimal point)."


@dataclass(frozen=True)
class Column:
    name: str
    sv: str
    en: str


@dataclass(frozen=True)
class Dataset:
    slug: str  # in the address: /datasets/<region>/<slug>.csv
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    keywords_sv: tuple[str, ...]
    keywords_en: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable  # region -> list of dicts keyed by the columns' names
