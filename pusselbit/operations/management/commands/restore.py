"""`pusselbit restore FOLDER`: a backup (`pusselbit backup`) restored into an empty installation
and checked against its manifest (pusselbit.operations.backup)."""

from django.core.management.base import BaseCommand, CommandError

from pusselbit.core import audit
from pusselbit.operations import backup


class Command(BaseCommand):
    help = "Restore a backup from FOLDER into an empty database and storage, then verify it."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            report = backup.restore(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        if report.problems:
            raise CommandError(
                "Restored, but it differs from the backup:\n" + "\n".join(report.problems)
            )
        # After the check, so the restored tables matched the manifest exactly.
        audit.record(
            "operations.backup_restored",
            folder=str(folder),
            tables=report.tables,
            rows=report.rows,
            files=report.files,
        )
        self.stdout.write(
            f"Restored {report.tables} tables ({report.rows} rows) and {report.files} files "
            f"from {folder} in {report.seconds:.1f} s; every table and file matches the manifest."
        )
