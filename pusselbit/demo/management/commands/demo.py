from django.core.management.base import BaseCommand
from django.utils import translation

from pusselbit.demo.builders import DEMO_PASSWORD, SUPERUSER, build_demo


class Command(BaseCommand):
    help = "Load the reference data and the demo regions and users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="do not list the logins")

    def handle(self, *args, quiet=False, **options):
        with translation.override("en"):
            logins = build_demo()
        if quiet:
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login) for login, _, _ in logins)
        for login, role, region in logins:
            self.stdout.write(f"  {login:<{width}}  {role}, {region}")
        self.stdout.write(f"  {SUPERUSER:<{width}}  platform administrator (Django admin)")
