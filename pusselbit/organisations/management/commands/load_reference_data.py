from django.core.management.base import BaseCommand

from pusselbit.organisations.domain import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the 21 regions, 290 municipalities, populations and associations."

    def handle(self, *args, **options):
        written = load_reference_data(actor=None)
        self.stdout.write(f"Reference data loaded: {written} rows written.")
