from django.core.management.base import BaseCommand

from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.domain import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the 21 regions, 290 municipalities, populations and associations."

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, **options):
        written = load_reference_data(actor=None)
        self.stdout.write(f"Reference data loaded: {written} rows written.")
