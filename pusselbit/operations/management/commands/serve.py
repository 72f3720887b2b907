"""`pusselbit serve`: the web process of a production installation, gunicorn with the
configuration in pusselbit/operations/gunicorn_conf.py (bind address, processes and threads
from the environment). The process replaces this command, so a process manager's signals go
straight to gunicorn."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn_conf.py"


class Command(BaseCommand):
    help = "Serve Pusselbit with gunicorn (production)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="address:port (default PUSSELBIT_BIND or 0.0.0.0:PORT)")
        parser.add_argument("--workers", type=int, help="processes (default WEB_CONCURRENCY)")

    def handle(self, *args, bind=None, workers=None, **options):
        if settings.DEBUG:
            raise CommandError("DEBUG is on: a production server never shows Django's debug pages.")
        if not settings.PRODUCTION:
            self.stderr.write(
                "PUSSELBIT_PRODUCTION is not set: HTTPS is not enforced and cookies are not "
                "marked secure. Fine on a test machine, not in production."
            )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "--config", str(CONFIG)]
        if bind:
            command += ["--bind", bind]
        if workers:
            command += ["--workers", str(workers)]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)  # noqa: S606  (a fixed program, arguments as a list)
