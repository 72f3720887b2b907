from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import translation

from pusselbit.demo.builders import DEMO_PASSWORD, SUPERUSER, build_demo

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load the reference data and the demo regions and users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="do not list the logins")

    def handle(self, *args, quiet=False, **options):
        # The demo walks initiatives through their stages; nobody should get mail for that.
        with translation.override("en"), override_settings(EMAIL_BACKEND=DUMMY_MAIL):
            logins = build_demo()
        if quiet:
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login) for login, _, _ in logins)
        for login, role, region in logins:
            self.stdout.write(f"  {login:<{width}}  {role}, {region}")
        self.stdout.write(f"  {SUPERUSER:<{width}}  platform administrator (Django admin)")
