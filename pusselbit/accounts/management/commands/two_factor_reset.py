from django.core.management.base import BaseCommand, CommandError

from pusselbit.accounts.domain.two_factor import reset_two_factor
from pusselbit.accounts.models import User
from pusselbit.core.scoping import scopes_disabled


class Command(BaseCommand):
    help = (
        "Turn off two-step verification for an account whose owner has lost both the phone "
        "and the recovery codes (once you are sure who asks). They sign in with the password "
        "alone and set it up again, as their region may require."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is named {username!r}.")
        reset_two_factor(user, actor=None)
        self.stdout.write(f"Two-step verification is off for {username}.")
