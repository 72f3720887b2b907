"""`pusselbit schedule`: the one scheduler process of an installation, which runs the periodic
commands at their times (what a crontab would, for those who deploy without cron: containers,
the compose file). Every command it runs is idempotent, so a restart that runs one again, or a
job run late, sends nothing twice. Run exactly one.

The times are Swedish time (settings.TIME_ZONE), whatever the machine's clock zone. Jobs are
timed by the `schedule` library (a maintained, dependency-free scheduler for one process);
each job's failure is logged and the others go on."""

import io
import logging
import signal
import time

import schedule
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("pusselbit.schedule")

# (command, how often): every N minutes, or daily at HH:MM Swedish time.
JOBS = [
    ("send_queued_mail", {"minutes": 5}),
    ("send_reminders", {"daily_at": "06:00"}),
    ("send_digests", {"daily_at": "06:00"}),
    ("clearsessions", {"daily_at": "03:00"}),
]


def run(command: str) -> bool:
    started = time.perf_counter()
    said = io.StringIO()
    try:
        call_command(command, stdout=said, stderr=said)
    except Exception:
        logger.exception("scheduled %s failed", command)
        return False
    logger.info(
        "scheduled %s done in %.1f s: %s",
        command,
        time.perf_counter() - started,
        " ".join(said.getvalue().split()),
    )
    return True


def scheduler() -> schedule.Scheduler:
    timed = schedule.Scheduler()
    for command, when in JOBS:
        if "minutes" in when:
            timed.every(when["minutes"]).minutes.do(run, command)
        else:
            timed.every().day.at(when["daily_at"], settings.TIME_ZONE).do(run, command)
    return timed


class Command(BaseCommand):
    help = "Run the periodic commands at their times (one scheduler per installation)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once now and exit (for cron)."
        )

    def handle(self, *args, once=False, **options):
        if once:
            failed = [command for command, _ in JOBS if not run(command)]
            for command, _ in JOBS:
                self.stdout.write(f"{command}: {'failed' if command in failed else 'done'}")
            if failed:
                raise SystemExit(1)
            return
        timed = scheduler()
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        for job in timed.jobs:
            self.stdout.write(f"{job}")
        self.stdout.flush()
        while not stopping:
            # A long-lived process must not use a connection the database has since closed
            # (as Django does around each request).
            close_old_connections()
            timed.run_pending()
            time.sleep(min(max(timed.idle_seconds or 1, 0), 5))
