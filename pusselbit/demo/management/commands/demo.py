import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pusselbit.accounts.domain import change_password
from pusselbit.accounts.models import User
from pusselbit.core import mail
from pusselbit.core.scoping import scopes_disabled
from pusselbit.demo.builders import DEMO_PASSWORD, SUPERUSER, build_demo

# Letters and digits that read aloud and type without mix-ups (no 0/o, 1/l/i).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def random_password() -> str:
    """Three groups of four, about 59 bits: plenty against guessing, given the sign-in lockout."""
    return "-".join(
        "".join(secrets.choice(PASSWORD_ALPHABET) for _letter in range(4)) for _group in range(3)
    )


class Command(BaseCommand):
    help = (
        "Load the reference data and the demo regions and users. Safe to run again. "
        "Refused on a production installation (PUSSELBIT_PRODUCTION=1) unless --training."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="do not list the logins")
        parser.add_argument(
            "--training",
            action="store_true",
            help=(
                "for a training installation, also in production: every demo user and admin "
                "gets a new random password, listed this once (each run replaces them)"
            ),
        )

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, quiet=False, training=False, **options):
        # The demo's users share a published password and `admin` is a superuser: on a real
        # installation that is an open door.
        if settings.PRODUCTION and not training:
            raise CommandError(
                _(
                    "This is a production installation (PUSSELBIT_PRODUCTION=1): the demo's "
                    "users and its superuser have a published password. Nothing was done. For "
                    "a training installation, run `pusselbit demo --training`, which gives every "
                    "demo user a new random password."
                )
            )
        # The demo walks initiatives through their stages; nobody should get mail for that.
        with translation.override("en"), mail.silenced(), transaction.atomic():
            # In training the users are created without a password, so the published one never
            # opens them, not even until the new ones are set.
            logins = build_demo(password=None if training else DEMO_PASSWORD)
            if training:
                passwords = {
                    login: random_password() for login in [*(row[0] for row in logins), SUPERUSER]
                }
                for user in User.objects.filter(username__in=passwords):
                    change_password(user, passwords[user.username], actor=None)
        if training:
            self._list_training_logins(logins, passwords)
        elif not quiet:
            self._list_demo_logins(logins)

    def _list_demo_logins(self, logins):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(row[0]) for row in logins)
        for login, role, region in logins:
            self.stdout.write(f"  {login:<{width}}  {role}, {region}")
        self.stdout.write(f"  {SUPERUSER:<{width}}  platform administrator (Django admin)")

    def _list_training_logins(self, logins, passwords):
        # Listed whatever --quiet says: the passwords exist nowhere else.
        self.stdout.write(_("Training logins, with new passwords shown only this once:"))
        width = max(len(login) for login in passwords)
        for login, role, region in logins:
            self.stdout.write(f"  {login:<{width}}  {passwords[login]}  {role}, {region}")
        admin = _("platform administrator (Django admin)")
        self.stdout.write(f"  {SUPERUSER:<{width}}  {passwords[SUPERUSER]}  {admin}")
