import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from pusselbit.accounts.domain.invitations import invite_person
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, RoleInvitation
from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Region


def _link_in(invitation: RoleInvitation) -> str:
    """The link of the invitation's mail: only the mail carries the token (the invitation keeps
    its hash), so it is read from there rather than made a second way."""
    before_token = reverse("accept_invitation", args=["TOKEN"]).split("TOKEN")[0]
    found = re.search(rf"\S*{re.escape(before_token)}\S+", invitation.mail.body)
    return found.group(0)


class Command(BaseCommand):
    help = (
        "Open a region: invite its first administrator by e-mail, on behalf of the region's own "
        "organisation. The platform operator's one step; from then on the region's "
        "administrator invites everyone else from the region's administration page. Prints "
        "the invitation's link, which also goes out by mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("region", help="The region's slug, as in /regioner/<slug>/.")
        parser.add_argument("email", help="The first administrator's e-mail address.")
        parser.add_argument("--name", default="", help='Their name, as "First Last".')
        parser.add_argument(
            "--again",
            action="store_true",
            help="Invite even though the region has an administrator or a pending invitation "
            "to be one (say, when the first has left).",
        )

    # A command acts for every region, outside any request's region scope
    # (pusselbit.core.scoping).
    @scopes_disabled()
    def handle(self, *args, region, email, name, again, **options):
        found = Region.objects.filter(slug=region).first()
        if found is None:
            raise CommandError(
                f"No region has the slug {region!r}; `pusselbit load_reference_data` loads the "
                "21 regions."
            )
        if not again:
            self._refuse_if_opened(found)
        organisation = found.organisations.filter(kind=OrganisationKind.REGION).first()
        if organisation is None:
            raise CommandError(f"{found.name} has no organisation of its own to act for.")
        try:
            invitation = invite_person(
                found,
                actor=None,
                email=email,
                organisation=organisation,
                role=Role.ADMINISTRATOR,
                name=name,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{invitation.email} is invited to administer {found.name}. The link, also sent "
            f"by mail, works once until {timezone.localdate(invitation.expires_at)}:\n"
            + _link_in(invitation)
        )

    def _refuse_if_opened(self, region) -> None:
        administrators = Membership.objects.filter(region=region, role=Role.ADMINISTRATOR)
        names = sorted(set(administrators.values_list("user__username", flat=True)))
        if names:
            raise CommandError(
                f"{region.name} has an administrator already ({', '.join(names)}), who invites "
                "others from the region's administration page. Give --again to invite another "
                "anyway."
            )
        pending = RoleInvitation.objects.filter(
            region=region,
            role=Role.ADMINISTRATOR,
            accepted_at=None,
            withdrawn_at=None,
            expires_at__gt=timezone.now(),
        )
        if pending.exists():
            raise CommandError(
                f"{region.name} has a pending invitation to be its administrator ("
                + ", ".join(sorted(pending.values_list("email", flat=True)))
                + "). Give --again to invite another anyway."
            )
