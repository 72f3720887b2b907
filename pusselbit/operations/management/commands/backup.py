"""`pusselbit backup FOLDER`: a consistent backup of the database and the stored files, with a
manifest of counts and checksums (pusselbit.operations.backup)."""

from django.core.management.base import BaseCommand, CommandError

from pusselbit.core import audit
from pusselbit.operations import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump), the stored files and a manifest into FOLDER."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            report = backup.backup(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        # After the snapshot: the backup does not hold its own entry, the installation does.
        audit.record(
            "operations.backup_taken",
            folder=str(folder),
            tables=report.tables,
            rows=report.rows,
            files=report.files,
        )
        self.stdout.write(
            f"Backed up {report.tables} tables ({report.rows} rows) and {report.files} files "
            f"({report.bytes / 1e6:.1f} MB) into {folder} in {report.seconds:.1f} s."
        )
