"""Population figures from a file (CSV, or the first sheet of an .xlsx): all or nothing.

`load_population_file` is the one way in, for the `load_population` command and for the
region's population page alike: the same reading, the same checks, every bad line named, and
nothing written unless the whole file is right."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.formatting import format_number
from pusselbit.core.permissions import require
from pusselbit.core.spreadsheets import SpreadsheetRefused, read_table

from ..models import Organisation, PopulationFigure

CODE_COLUMN = "kommunkod"
POPULATION_COLUMN = "population"
# Twice Sweden's population: a larger figure is a typing error, and one the database's integer
# cannot hold would otherwise end the load in a traceback.
MAX_POPULATION = 20_000_000


def _line_message(line: int | None, reason: str) -> str:
    return _("Line %(line)d: %(reason)s") % {"line": line, "reason": reason} if line else reason


class PopulationFileError(ValueError):
    """The file is rejected whole. `line` is the 1-based line number in the file (or None) of
    the first problem; `messages` names every problem found, each with its line."""

    def __init__(self, reason: str, line: int | None = None, *, more=(), rows=None):
        self.reason = reason
        self.line = line
        self.problems = [(line, reason), *more]
        self.messages = [_line_message(n, r) for n, r in self.problems]
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


def parse_population_csv(text: str) -> list[PopulationRow]:
    """Read `kommunkod,population` rows (other columns are ignored; `;` also separates,
    as Swedish spreadsheets write it). Raises PopulationFileError naming every bad line."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PopulationFileError(_("The file is empty."), line=1)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        numbered = [(reader.line_num, row) for row in reader]
    except csv.Error as error:  # a NUL character, a cell over csv's limit
        raise PopulationFileError(
            _("the line cannot be read as CSV."), line=reader.line_num
        ) from error
    return parse_population_rows(numbered)


def parse_population_rows(numbered: list[tuple[int, list[str]]]) -> list[PopulationRow]:
    """The figures of a table read from a file, given as (line number, cells), the header
    first. Raises PopulationFileError naming every bad line; returns only when all are right."""
    if not numbered or not any(cell.strip() for cell in numbered[0][1]):
        raise PopulationFileError(_("The file is empty."), line=1)
    header = [column.strip().lower() for column in numbered[0][1]]
    missing = [c for c in (CODE_COLUMN, POPULATION_COLUMN) if c not in header]
    if missing:
        raise PopulationFileError(
            _("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            line=numbered[0][0],
        )
    code_index, population_index = header.index(CODE_COLUMN), header.index(POPULATION_COLUMN)
    rows, seen, problems = [], {}, []
    for line, row in numbered[1:]:
        if not any(cell.strip() for cell in row):
            continue
        problem = _row_problem(row, line, len(header), code_index, population_index, seen)
        if problem:
            problems.append((line, problem))
        else:
            rows.append(
                PopulationRow(
                    line=line,
                    code=row[code_index].strip(),
                    population=int(row[population_index].strip()),
                )
            )
    if problems:
        raise PopulationFileError.of(problems, rows=rows)
    if not rows:
        raise PopulationFileError(_("The file has no rows after the header."), line=2)
    return rows


def _row_problem(row, line, columns, code_index, population_index, seen) -> str | None:
    """What is wrong with one line of figures, or None."""
    if len(row) != columns:
        return _("expected %(expected)d columns, found %(found)d.") % {
            "expected": columns,
            "found": len(row),
        }
    code, raw = row[code_index].strip(), row[population_index].strip()
    if not code.isascii() or not code.isdigit():
        return _("municipality code %(code)r is not a number.") % {"code": code}
    if code in seen:
        return _("municipality code %(code)s appears again (first on line %(first)d).") % {
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
    """The figures of an uploaded or given file: an .xlsx's first sheet, otherwise CSV text
    in UTF-8. Raises PopulationFileError."""
    if name.lower().endswith(".xlsx"):
        try:
            table = read_table(name, content)
        except SpreadsheetRefused as error:
            raise PopulationFileError(str(error)) from error
        # An .xlsx cell holding 59186 reads as "59186", but one typed as a decimal as "59186.0".
        return parse_population_rows(
            [(number, [_whole(cell) for cell in row]) for number, row in enumerate(table, start=1)]
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PopulationFileError(
            _("The file is not UTF-8 text (byte %(byte)d); save it as CSV UTF-8.")
            % {"byte": error.start}
        ) from error
    return parse_population_csv(text)


def _whole(cell: str) -> str:
    return cell[:-2] if cell.endswith(".0") and cell[:-2].isdigit() else cell


def _code_problems(rows, region) -> tuple[dict, list[tuple[int, str]]]:
    """The municipalities the rows' codes name, and the lines whose code is unknown or (with
    `region`) another region's municipality."""
    found = Organisation.objects.municipalities().filter(code__in=[r.code for r in rows])
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
