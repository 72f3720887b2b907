"""The region's administration page: the sections a region runs itself with, each shown only to
whom its rule allows. A section is one entry of SECTIONS; add one there (a title, the page's
URL name, what it is for and the rule that opens it), and the page and the menu follow."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    title: Promise
    url_name: str  # a page under /regioner/<region_slug>/, taking the region's slug only
    description: Promise
    perm: str  # asked of the region


SECTIONS = [
    Section(
        _("Members and roles"),
        "accounts:members",
        _("The region's accounts: give, change and take back roles; deactivate an account."),
        "accounts.administer_region",
    ),
    Section(
        _("Invitations"),
        "invitations:list",
        _(
            "Invite a person by e-mail to a role in one of the region's organisations; the "
            "pending invitations, to send again or withdraw."
        ),
        "accounts.manage_invitations",
    ),
    Section(
        _("Organisation logins"),
        "accounts:identity_providers",
        _(
            "Single sign-on for the region's staff: OpenID Connect (e.g. Entra ID) and SAML "
            "2.0 (e.g. a federation)."
        ),
        "accounts.manage_identity_providers",
    ),
    Section(
        _("Two-step verification"),
        "sign_in_policy:edit",
        _(
            "Whether the region requires a code from an authenticator app of those who decide "
            "or hold money and sign in with a password."
        ),
        "accounts.change_sign_in_policy",
    ),
    Section(
        _("API tokens"),
        "api_tokens:list",
        _(
            "Keys for programs that read the region's data through the API, or record indicator "
            "values; the administrator sees and may revoke everyone's."
        ),
        "api.see_all_tokens",
    ),
    Section(
        _("Organisations and operation areas"),
        "organisations_setup:list",
        _("Civil-society organisations with their type, and every organisation's operation areas."),
        "accounts.administer_region",
    ),
    Section(
        _("Meeting bodies"),
        "accounts:bodies",
        _(
            "Who sits in the coordination group and LSVO: inviting a body to a meeting reaches "
            "its members."
        ),
        "accounts.manage_bodies",
    ),
    Section(
        _("Agreement funds"),
        "funds:region_funds",
        _("What each agreement year brings the region per direction, and its use-by date."),
        "funds.manage_funds",
    ),
    Section(
        _("Population figures"),
        "funds:population",
        _("Load the municipalities' population figures that per-capita allocations use."),
        "funds.manage_funds",
    ),
    Section(
        _("Withheld from the public pages"),
        "withholding:register",
        _(
            "Withhold a decided initiative from the public pages under a secrecy provision "
            "(OSL), and lift it again; every withholding stays on record."
        ),
        "public.withhold_records",
    ),
]


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    description: str


def sections_for(user, region) -> list[Entry]:
    """The sections `user` may use in `region`, in SECTIONS' order."""
    return [
        Entry(
            str(section.title), reverse(section.url_name, args=[region.slug]), section.description
        )
        for section in SECTIONS
        if user.has_perm(section.perm, region)
    ]
