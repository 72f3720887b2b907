import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.domain import PopulationFileError, load_population_file


class Command(BaseCommand):
    help = (
        "Load municipalities' population figures at a reference date from a CSV (or .xlsx) file "
        "with the columns kommunkod,population. A bad file is rejected whole and nothing is "
        "written. The region's population page does the same for one region."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file with kommunkod,population")
        parser.add_argument("--date", required=True, type=_date, help="reference date, YYYY-MM-DD")
        parser.add_argument("--source", default="", help='e.g. "SCB, folkmängd 1 november 2019"')

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, file: Path, date: datetime.date, source: str, **options):
        try:
            content = file.read_bytes()
        except FileNotFoundError as e:
            raise CommandError(_("%(file)s: no such file.") % {"file": file}) from e
        try:
            loaded = load_population_file(file.name, content, date, actor=None, source=source)
        except PopulationFileError as e:
            raise CommandError(
                _("%(file)s: %(error)s Nothing was written.") % {"file": file, "error": e}
            ) from e
        self.stdout.write(
            _("%(count)d municipalities at %(date)s: %(written)d figures written.")
            % {"count": loaded.municipalities, "date": date.isoformat(), "written": loaded.written}
        )


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(
            _("%(value)r is not a date of the form YYYY-MM-DD.") % {"value": value}
        ) from e
