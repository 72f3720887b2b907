"""Population figures from a file (CSV, or the first sheet of an .xlsx): all or nothing.

`load_population_file` is the one way in, for the `load_population` command and for the
region's population page alike: the same reading, the same checks, every bad line named, and
nothing written unless the whole file is right."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_number
from pusselbit.core.permissions import require
from pusselbit.core.spreadsheets import (
    SpreadsheetRefused,
    columns,
    filled_rows,
    read_table,
    row_message,
)

from ..models import Organisation, PopulationFigure

CODE_COLUMN = "kommunkod"
POPULATION_COLUMN = "population"
# Twice Sweden's population: a larger figure is a typing error, and one the database's integer
# cannot hold would otherwise end the load in a traceback.
MAX_POPULATION = 20_000_000


class PopulationFileError(ValueError):
    """The file is rejected whole. `line` is the row of the file (as a spreadsheet program
    numbers it; or None) of the first problem; `messages` names every problem found, each with
    its row, as every import does ("Row 3: reason", core.spreadsheets.row_message)."""

    def __init__(self, reason: str, line: int | None = None, *, more=(), rows=None):
        self.reason = reason
        self.line = line
        self.problems = [(line, reason), *more]
        self.messages = [row_message(n, r) if n else r for n, r in self.problems]
        # The lines that were right, when only some lines were wrong (see load_population_file).
        self.rows = rows
        super().__init__(" ".join(self.messages))

    @classmethod
    def of(cls, problems: list[tuple[int | None, str]], rows=None) -> "PopulationFileError":
        (line, reason), *rest = sorted(problems, key=lambda problem: problem[0] or 0)
        return cls(reason, line, more=rest, rows=rows)


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    population: int


def parse_population_rows(rows: list[list[str]]) -> list[PopulationRow]:
    """The figures of a table read from a file (core.spreadsheets.read_table), the header
    first. Raises PopulationFileError naming every bad row; returns only when all are right."""
    try:
        at = columns(rows[0], [CODE_COLUMN, POPULATION_COLUMN])
    except SpreadsheetRefused as error:
        raise PopulationFileError(error.reason, error.row) from error
    width = len(rows[0])
    code_index, population_index = at[CODE_COLUMN], at[POPULATION_COLUMN]
    figures, seen, problems = [], {}, []
    for line, row in filled_rows(rows):
        problem = _row_problem(row, line, width, code_index, population_index, seen)
        if problem:
            problems.append((line, problem))
        else:
            figures.append(
                PopulationRow(
                    line=line,
                    code=row[code_index].strip(),
                    population=int(row[population_index].strip()),
                )
            )
    if problems:
        raise PopulationFileError.of(problems, rows=figures)
    if not figures:
        raise PopulationFileError(_("The file has no rows after the header."), line=2)
    return figures


def _row_problem(row, line, columns, code_index, population_index, seen) -> str | None:
    """What is wrong with one row of figures, or None."""
    if len(row) != columns:
        return _("expected %(expected)d columns, found %(found)d.") % {
            "expected": columns,
            "found": len(row),
        }
    code, raw = row[code_index].strip(), row[population_index].strip()
    if not code.isascii() or not code.isdigit():
        return _("municipality code %(code)r is not a number.") % {"code": code}
    if code in seen:
        return _("municipality code %(code)s appears again (first on row %(first)d).") % {
            "code": code,
            "first": seen[code],
        }
    seen[code] = line
    if not raw.isascii() or not raw.isdigit():
        return _("population %(value)r is not a whole non-negative number.") % {"value": raw}
    if len(raw) > len(str(MAX_POPULATION)) or int(raw) > MAX_POPULATION:
        return _("population %(value)s is larger than any municipality's (at most %(max)s).") % {
            "value": raw[:20] + ("…" if len(raw) > 20 else ""),
            "max": format_number(MAX_POPULATION),
        }
    return None


def read_population_file(name: str, content: bytes) -> list[PopulationRow]:
    """The figures of an uploaded or given file: an .xlsx's first sheet or a .csv, read as every
    import reads (core.spreadsheets.read_table). Raises PopulationFileError."""
    try:
        table = read_table(name, content)
    except SpreadsheetRefused as error:
        raise PopulationFileError(error.reason, error.row) from error
    return parse_population_rows(table)


def _code_problems(rows, region) -> tuple[dict, list[tuple[int, str]]]:
    """The municipalities the rows' codes name, and the lines whose code is unknown or (with
    `region`) another region's municipality."""
    # Every region's municipalities, past the request's region scope: their codes and names
    # are public reference data (SCB), and the refusal names the region a code belongs to.
    municipalities_of_sweden = Organisation.objects.with_scopes_disabled().municipalities()
    found = municipalities_of_sweden.filter(code__in=[r.code for r in rows])
    municipalities = {o.code: o for o in found.select_related("region")}
    problems = []
    for row in rows:
        municipality = municipalities.get(row.code)
        if municipality is None:
            problems.append(
                (row.line, _("unknown municipality code %(code)s.") % {"code": row.code})
            )
        elif region is not None and municipality.region_id != region.pk:
            problems.append(
                (
                    row.line,
                    _(
                        "%(code)s (%(name)s) is a municipality of %(other)s, not of %(region)s; "
                        "a region loads figures for its own municipalities only."
                    )
                    % {
                        "code": row.code,
                        "name": municipality.name,
                        "other": municipality.region.name,
                        "region": region.name,
                    },
                )
            )
    return municipalities, problems


@dataclass(frozen=True)
class PopulationLoad:
    """What a file brought: its municipalities and how many figures were new or changed."""

    municipalities: int
    written: int


@transaction.atomic
def load_population_file(
    name: str,
    content: bytes,
    reference_date: datetime.date,
    *,
    actor,
    source: str = "",
    region=None,
) -> PopulationLoad:
    """Read a file of figures (see read_population_file) and write them at `reference_date`,
    all or nothing. With `region` (the population page) the actor must be allowed to manage
    the region's funds and every code must be one of the region's own municipalities; without
    (the command, the system) any municipality's. Raises PopulationFileError, writing nothing.
    Side effects: the figures, the audit entry population.loaded."""
    if region is not None:
        require(actor, "funds.manage_funds", region)
    try:
        rows = read_population_file(name, content)
    except PopulationFileError as error:
        if error.rows is None:  # the file itself, or its header, cannot be read
            raise
        # Bad lines: name the codes' problems on the good lines too, all in one answer.
        raise PopulationFileError.of(
            error.problems + _code_problems(error.rows, region)[1]
        ) from error
    written = load_population(rows, reference_date, actor=actor, source=source, region=region)
    return PopulationLoad(municipalities=len(rows), written=written)


@transaction.atomic
def load_population(
    rows: list[PopulationRow],
    reference_date: datetime.date,
    *,
    actor,
    source: str = "",
    region=None,
) -> int:
    """Write one figure per municipality at `reference_date`, replacing figures at that date.
    Every code must be a known municipality (of `region`, when given); otherwise nothing is
    written and every unknown code is named with its line."""
    municipalities, problems = _code_problems(rows, region)
    if problems:
        raise PopulationFileError.of(problems)
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
            region,
            actor=actor,
            reference_date=reference_date,
            created=len(new),
            updated=len(changed),
            source=source,
        )
    return len(new) + len(changed)
