"""`pusselbit open_region`: the platform operator's one step for a region, naming its first
administrator by an invitation from the system (no actor), mailed and printed; refused for an
unknown region or a region that has an administrator, unless asked again."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import RoleInvitation
from pusselbit.accounts.queries import invitation_for_token
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def open_region(*args) -> str:
    out = io.StringIO()
    call_command("open_region", *args, stdout=out)
    return out.getvalue()


def test_open_region_invites_the_first_administrator_for_the_regions_own_organisation(
    blekinge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        printed = open_region("blekinge", "ada@example.org", "--name", "Ada Berg")

    invitation = RoleInvitation.objects.get()
    assert invitation.region == blekinge and invitation.role == Role.ADMINISTRATOR
    assert invitation.organisation.kind == "region" and invitation.name == "Ada Berg"
    assert invitation.invited_by is None
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert "Hej Ada Berg," in message.body
    link = re.search(r"https?://\S+/konto/inbjudan/(\S+)/", message.body)
    # The printed link is the mail's, and it opens this invitation.
    assert link.group(0) in printed and "ada@example.org" in printed
    assert invitation_for_token(link.group(1)) == invitation
    entry = AuditEntry.objects.get(action="invitation.created")
    assert entry.actor is None and entry.target == invitation


def test_open_region_unknown_slug_is_refused(blekinge):
    with pytest.raises(CommandError, match="No region has the slug 'atlantis'"):
        open_region("atlantis", "ada@example.org")
    assert not RoleInvitation.objects.exists()


def test_open_region_with_an_administrator_is_refused_unless_again(blekinge):
    MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR, user__username="adam")

    with pytest.raises(CommandError, match=r"has an administrator already \(adam\).*--again"):
        open_region("blekinge", "ada@example.org")
    assert not RoleInvitation.objects.exists()

    open_region("blekinge", "ada@example.org", "--again")
    assert RoleInvitation.objects.get().email == "ada@example.org"


def test_open_region_twice_is_refused_while_the_first_invitation_is_pending(blekinge):
    open_region("blekinge", "ada@example.org")

    with pytest.raises(CommandError, match=r"pending invitation .*\(ada@example.org\)"):
        open_region("blekinge", "bo@example.org")
    # Again, to the same address: the domain's own refusal (in the site's language).
    with pytest.raises(CommandError, match=r"^ada@example\.org "):
        open_region("blekinge", "ada@example.org", "--again")
    open_region("blekinge", "bo@example.org", "--again")
    assert RoleInvitation.objects.count() == 2


def test_open_region_bad_address_is_refused(blekinge):
    with pytest.raises(CommandError):
        open_region("blekinge", "not an address")
    assert not RoleInvitation.objects.exists()
