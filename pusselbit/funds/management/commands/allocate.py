"""`pusselbit allocate`: split a total, or a rate per inhabitant, over the recipients in a
weights file (.csv or .xlsx, read as the allocation page reads it) with the allocation engine,
and write the result as CSV on standard output.

A tool for scripts: bad input exits with status 2 and one line on standard error, in English,
and writes nothing on standard output.
"""

import csv
import io
import sys
from decimal import MAX_PREC, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.utils import translation

from pusselbit.core.spreadsheets import (
    SpreadsheetRefused,
    columns,
    csv_row,
    filled_rows,
    read_number,
    read_table,
)
from pusselbit.funds.domain.allocations import WEIGHT_ALIASES, WEIGHT_COLUMNS
from pusselbit.funds.engine import UNITS, AllocationError, Result, allocate, allocate_by_rate

RECIPIENT_COLUMN, WEIGHT_COLUMN, AMOUNT_COLUMN = "recipient", "weight", "amount"
UNIT_NAMES = {"krona": "kronor", "ore": "öre"}
BAD_INPUT = 2


class Refused(CommandError):
    """Bad input: exit status 2, as for an argument error."""

    def __init__(self, message: str):
        super().__init__(message, returncode=BAD_INPUT)


class Row(NamedTuple):
    line: int
    recipient: str
    written: str  # the weight as the file writes it, which the output repeats
    weight: Decimal


class Command(BaseCommand):
    help = (
        "Split --total, or --rate × the sum of the weights, over the recipients in a .csv or "
        ".xlsx file with the columns recipient,weight by the largest-remainder method, and write "
        "recipient,weight,amount as CSV with a total line."
    )
    # A system-check warning would be a second line on standard error.
    requires_system_checks = []

    def add_arguments(self, parser):
        amount = parser.add_mutually_exclusive_group(required=True)
        amount.add_argument("--total", metavar="AMOUNT", help="the amount to split")
        amount.add_argument(
            "--rate",
            metavar="KR_PER_INHABITANT",
            help="split the rate × the sum of the weights, rounded half up to the unit",
        )
        parser.add_argument(
            "--weights",
            required=True,
            type=Path,
            metavar="FILE.csv",
            help=".csv (UTF-8 or Windows-1252; ; , or tab between cells) or .xlsx with the "
            "columns recipient,weight (other columns are ignored)",
        )
        parser.add_argument("--unit", choices=sorted(UNITS), default="krona")
        parser.add_argument(
            "--top-slice",
            metavar="AMOUNT",
            help="kept apart for a joint function: taken off --total, or added on top of what "
            "--rate gives",
        )

    def run_from_argv(self, argv):
        # Django's run_from_argv prints the usage text before an argument error and
        # "CommandError:" before ours. Leaving _called_from_command_line unset makes the parser
        # raise CommandError("Error: …") instead, as under call_command, so that every refusal
        # is the same single line: "pusselbit allocate: error: …".
        parser = self.create_parser(argv[0], argv[1])
        # UTF-8 out whatever the locale: the recipients' names come back as given.
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")
        try:
            options = parser.parse_args(argv[2:])
            handle_default_options(options)
            self.execute(**vars(options))
        except CommandError as e:
            if "--traceback" in argv:
                raise
            message = str(e).removeprefix("Error: ")
            self.stderr.write(f"{parser.prog}: error: {message}")
            sys.exit(BAD_INPUT)

    def handle(self, *, total, rate, weights, unit, top_slice, **options):
        try:
            top = None if top_slice is None else _amount_option("--top-slice", top_slice, unit)
            if rate is not None:
                rate = _number_option("--rate", rate)
            else:
                amount = _amount_option("--total", total, unit)
                if top is not None and top > amount:
                    raise Refused(f"--top-slice {top_slice} is larger than --total {total}")
            rows = read_weights(weights)
            pairs = [(row.recipient, row.weight) for row in rows]
            if rate is not None:
                result = allocate_by_rate(rate, pairs, unit=unit, top_slice=top or Decimal(0))
            else:
                result = allocate(amount, pairs, unit=unit, top_slice=top or Decimal(0))
            output = to_csv(rows, result, top, UNITS[unit])
        except AllocationError as e:
            raise Refused(str(e)) from e
        except ArithmeticError as e:  # decimal's Overflow and the like, on absurd magnitudes
            raise Refused("a number is too large to compute with") from e
        self.stdout.write(output, ending="")


def read_weights(path: Path) -> list[Row]:
    """The file's rows in order. Raises Refused naming the file, the row and the problem."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"{path}: no such file") from None
    except OSError as e:
        raise Refused(f"{path}: {e.strerror or e}") from None
    # The reader's messages in English too, like the command's own; the settings say Swedish.
    with translation.override("en"):
        try:
            return _weights(read_table(path.name, content))
        except SpreadsheetRefused as e:
            raise Refused(f"{path}: {e}") from None


def _weights(table: list[list[str]]) -> list[Row]:
    at = columns(table[0], WEIGHT_COLUMNS, aliases=WEIGHT_ALIASES)
    recipient_at, weight_at = at["recipient"], at["weight"]
    rows, first_seen = [], {}
    for line, cells in filled_rows(table):
        if len(cells) <= max(recipient_at, weight_at):
            raise SpreadsheetRefused(
                f"expected {len(table[0])} columns, found {len(cells)}", row=line
            )
        recipient, written = cells[recipient_at], cells[weight_at]
        if not recipient:
            raise SpreadsheetRefused("the recipient is empty", row=line)
        if recipient in first_seen:
            raise SpreadsheetRefused(
                f"the recipient {recipient!r} appears again (first on row {first_seen[recipient]})",
                row=line,
            )
        first_seen[recipient] = line
        # A weight as files write it, Swedish or plain: the rule of every import (core).
        weight = read_number(written)
        if weight is None:
            raise SpreadsheetRefused(f"the weight {written!r} is not a number", row=line)
        if weight < 0:
            raise SpreadsheetRefused(f"the weight {written!r} is negative", row=line)
        rows.append(Row(line, recipient, written, weight))
    if not rows:
        raise SpreadsheetRefused("there are no recipients after the header")
    if not any(row.weight for row in rows):
        raise SpreadsheetRefused("all weights are zero")
    return rows


def to_csv(rows: list[Row], result: Result, top_slice: Decimal | None, quantum: Decimal) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([RECIPIENT_COLUMN, WEIGHT_COLUMN, AMOUNT_COLUMN])
    for row, share in zip(rows, result.shares, strict=True):
        # The recipients' names come back as given, but never as a formula (core.spreadsheets).
        writer.writerow(csv_row([row.recipient, row.written, share.amount]))
    # Exact sums: the default context keeps only 28 digits.
    with localcontext(prec=MAX_PREC):
        weight_sum = sum((row.weight for row in rows), Decimal(0))
        amount_sum = result.total
        if top_slice is not None:
            top = top_slice.quantize(quantum)
            writer.writerow(csv_row(["top-slice", None, top]))
            amount_sum += top
    writer.writerow(csv_row(["total", weight_sum, amount_sum]))
    return out.getvalue()


def _number(text: str) -> Decimal | None:
    # An option on the command line is a plain number ("0.58"), as shells and scripts write it.
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number_option(option: str, text: str) -> Decimal:
    number = _number(text)
    if number is None:
        raise Refused(f"{option} {text!r} is not a number")
    if number < 0:
        raise Refused(f"{option} {text} is negative")
    return number


def _amount_option(option: str, text: str, unit: str) -> Decimal:
    amount = _number_option(option, text)
    with localcontext(prec=MAX_PREC):
        units = amount.scaleb(-UNITS[unit].as_tuple().exponent)
        if units != units.to_integral_value():
            raise Refused(f"{option} {text} is not a whole number of {UNIT_NAMES[unit]}")
    return amount
