import datetime

from django.core.management.base import BaseCommand

from pusselbit.core.scoping import scopes_disabled
from pusselbit.reporting.domain import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reporting reminders due today (before deadlines and to the late). "
        "Idempotent: run it daily from a scheduler; a reminder is never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="act as if today were YYYY-MM-DD"
        )

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, date=None, **options):
        unreached = []
        sent = send_reminders(date, unreached=unreached)  # the outbox sends them after the commit
        self.stdout.write(f"{sent} reminder(s) queued for sending.")
        for requirement, recipient in unreached:
            self.stderr.write(
                f"Not reminded, nobody to write to: {recipient} ({requirement}). "
                "The reporting overview says why."
            )
