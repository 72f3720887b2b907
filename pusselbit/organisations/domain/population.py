"""Population figures from a CSV file: all or nothing."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_number

from ..models import Organisation, PopulationFigure

CODE_COLUMN = "kommunkod"
POPULATION_COLUMN = "population"
# Twice Sweden's population: a larger figure is a typing error, and one the database's integer
# cannot hold would otherwise end the load in a traceback.
MAX_POPULATION = 20_000_000


class PopulationFileError(ValueError):
    """The file is rejected whole. `line` is the 1-based line number in the file (or None)."""

    def __init__(self, reason: str, line: int | None = None):
        self.reason = reason
        self.line = line
        super().__init__(
            _("Line %(line)d: %(reason)s") % {"line": line, "reason": reason} if line else reason
        )


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    population: int


def parse_population_csv(text: str) -> list[PopulationRow]:
    """Read `kommunkod,population` rows (other columns are ignored; `;` also separates,
    as Swedish spreadsheets write it). Raises PopulationFileError on the first bad line."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PopulationFileError(_("The file is empty."), line=1)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip().lower() for column in next(reader)]
    missing = [c for c in (CODE_COLUMN, POPULATION_COLUMN) if c not in header]
    if missing:
        raise PopulationFileError(
            _("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            line=1,
        )
    code_index, population_index = header.index(CODE_COLUMN), header.index(POPULATION_COLUMN)
    rows, seen = [], {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise PopulationFileError(
                _("expected %(expected)d columns, found %(found)d.")
                % {"expected": len(header), "found": len(row)},
                line=line,
            )
        code, raw = row[code_index].strip(), row[population_index].strip()
        if not code.isascii() or not code.isdigit():
            raise PopulationFileError(
                _("municipality code %(code)r is not a number.") % {"code": code}, line=line
            )
        if code in seen:
            raise PopulationFileError(
                _("municipality code %(code)s appears again (first on line %(first)d).")
                % {"code": code, "first": seen[code]},
                line=line,
            )
        seen[code] = line
        if not raw.isascii() or not raw.isdigit():
            raise PopulationFileError(
                _("population %(value)r is not a whole non-negative number.") % {"value": raw},
                line=line,
            )
        if len(raw) > len(str(MAX_POPULATION)) or int(raw) > MAX_POPULATION:
            raise PopulationFileError(
                _("population %(value)s is larger than any municipality's (at most %(max)s).")
                % {
                    "value": raw[:20] + ("…" if len(raw) > 20 else ""),
                    "max": format_number(MAX_POPULATION),
                },
                line=line,
            )
        rows.append(PopulationRow(line=line, code=code, population=int(raw)))
    if not rows:
        raise PopulationFileError(_("The file has no rows after the header."), line=2)
    return rows


@transaction.atomic
def load_population(
    rows: list[PopulationRow],
    reference_date: datetime.date,
    *,
    actor,
    source: str = "",
) -> int:
    """Write one figure per municipality at `reference_date`, replacing figures at that date.
    Every code must be a known municipality; otherwise nothing is written."""
    municipalities = {
        o.code: o
        for o in Organisation.objects.municipalities().filter(code__in=[r.code for r in rows])
    }
    for row in rows:
        if row.code not in municipalities:
            raise PopulationFileError(
                _("unknown municipality code %(code)s.") % {"code": row.code}, line=row.line
            )
    existing = {
        f.organisation_id: f
        for f in PopulationFigure.objects.filter(
            reference_date=reference_date, organisation__in=municipalities.values()
        )
    }
    new, changed = [], []
    for row in rows:
        organisation = municipalities[row.code]
        figure = existing.get(organisation.pk)
        if figure is None:
            new.append(
                PopulationFigure(
                    organisation=organisation,
                    reference_date=reference_date,
                    population=row.population,
                    source=source,
                )
            )
        elif (figure.population, figure.source) != (row.population, source):
            figure.population, figure.source = row.population, source
            changed.append(figure)
    PopulationFigure.objects.bulk_create(new)
    PopulationFigure.objects.bulk_update(changed, ["population", "source"])
    if new or changed:
        audit.record(
            "population.loaded",
            actor=actor,
            reference_date=reference_date,
            created=len(new),
            updated=len(changed),
            source=source,
        )
    return len(new) + len(changed)
