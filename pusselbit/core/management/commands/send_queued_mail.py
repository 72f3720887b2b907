from django.core.management.base import BaseCommand

from pusselbit.core.mail import deliver_due
from pusselbit.core.scoping import scopes_disabled


class Command(BaseCommand):
    help = (
        "Send every queued e-mail that is due (new ones whose task was lost, and retries), and "
        "mark failed those whose sending was interrupted. Run it every few minutes from a "
        "scheduler; a message is never sent twice."
    )

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, **options):
        sent = deliver_due()
        self.stdout.write(f"{sent} e-mail(s) sent.")
