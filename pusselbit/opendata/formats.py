"""The datasets' files: CSV for machines (UTF-8 without a byte-order mark, `;` between fields,
decimal points, ISO 8601 dates), JSON (an array of objects with the CSV's column names) and the
README describing the columns in Swedish and English."""

import csv
import datetime
import io
import json
from decimal import Decimal

from .base import Dataset


def _text(value) -> str:
    """A cell as machines read it: empty for nothing, true/false, ISO dates, decimal points."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def to_csv(dataset: Dataset, rows: list[dict]) -> str:
    buffer = io.StringIO()
    # No spreadsheet-formula escaping (the region's own downloads have it): these files are for
    # programs, and an apostrophe before a name would change the data.
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [column.name for column in dataset.columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_text(row[name]) for name in names])
    return buffer.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        # A JSON number. Amounts have at most 14 significant digits, fewer than a double's 15,
        # so the number read back is the amount to the öre.
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def to_json(dataset: Dataset, rows: list[dict]) -> str:
    names = [column.name for column in dataset.columns]
    data = [{name: _json_value(row[name]) for name in names} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1)


def readme(dataset: Dataset) -> str:
    lines = [
        f"# {dataset.title_sv}",
        "",
        dataset.description_sv,
        "",
        f"## {dataset.title_en}",
        "",
        dataset.description_en,
        "",
        "## Filformat / File format",
        "",
        "- CSV: UTF-8 utan BOM, semikolon (;) som fältavgränsare, decimalpunkt (inte "
        "decimalkomma) för att filen ska läsas av program, datum enligt ISO 8601 (ÅÅÅÅ-MM-DD), "
        "tomt fält när värde saknas, true/false för ja/nej.",
        "  CSV: UTF-8 without BOM, semicolon (;) as the separator, a decimal point (not a "
        "comma) so programs read it, ISO 8601 dates (YYYY-MM-DD), an empty field for no value, "
        "true/false for yes/no.",
        "- JSON: en lista av objekt med samma namn som CSV-filens kolumner; belopp och värden är "
        "tal, datum strängar (ÅÅÅÅ-MM-DD), saknade värden null.",
        "  JSON: an array of objects with the CSV's column names; amounts and values are "
        "numbers, dates strings (YYYY-MM-DD), missing values null.",
        "- Licens / Licence: CC0 1.0 (http://creativecommons.org/publicdomain/zero/1.0/).",
        "",
        "## Kolumner / Columns",
        "",
        "| kolumn / column | beskrivning | description |",
        "|---|---|---|",
        *(f"| {c.name} | {c.sv} | {c.en} |" for c in dataset.columns),
        "",
    ]
    return "\n".join(lines)
