from django.core.management.base import BaseCommand

from pusselbit.core.scoping import scopes_disabled
from pusselbit.notifications.domain import send_digests


class Command(BaseCommand):
    help = (
        "Send each person who chose the daily digest one e-mail with the notifications that "
        "wait for it. Run it once a day from a scheduler; a notification is never sent twice."
    )

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, **options):
        sent = send_digests()  # the outbox sends them after the commit
        self.stdout.write(f"{sent} digest(s) queued for sending.")
