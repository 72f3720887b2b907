"""An invitation survives a mail server that is down: it is saved, the list says its mail is not
sent, and sending it again once the server is back delivers a link that works. These tests
commit for real, as the site does, so the mail is sent where it would be: after the commit."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import RoleInvitation
from pusselbit.core.models import OutgoingMail
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_invitation_made_while_the_mail_server_is_down_is_kept_and_sent_again(
    client, mail_server
):
    blekinge = RegionFactory(code="10", slug="blekinge", name="Region Blekinge")
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    adam = MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR).user
    client.force_login(adam)
    data = {"email": "dora@example.org", "organisation": karlskrona.pk, "role": "analyst"}

    response = client.post(reverse("invitations:invite", args=[blekinge.slug]), data, follow=True)

    html = response.content.decode()
    assert "En inbjudan skickas till dora@example.org." in html
    assert "Inte skickad än: 1 försök misslyckades" in html
    invitation = RoleInvitation.objects.get()
    assert invitation.mail.status == "queued" and invitation.mail.last_error
    assert not mail_server.envelopes

    mail_server.start()
    resend = reverse("invitations:resend", args=[blekinge.slug, invitation.pk])
    html = client.post(resend, {"times_sent": "1"}, follow=True).content.decode()

    assert "Skickad den" in html
    invitation.refresh_from_db()
    [message] = mail_server.messages
    assert message["To"] == "dora@example.org"
    token = re.search(r"/konto/inbjudan/([^/\s]+)/", message.get_content()).group(1)
    client.logout()
    page = client.get(reverse("accept_invitation", args=[token]))
    assert page.status_code == 200 and "Analytiker" in page.content.decode()
    # The first mail's link is void: that mail is called off, so no retry delivers it.
    first = OutgoingMail.objects.exclude(pk=invitation.mail_id).get()
    assert first.status == "failed" and "länken är ogiltig" in first.last_error
    call_command("send_queued_mail", verbosity=0)
    assert len(mail_server.envelopes) == 1
    old = re.search(r"/konto/inbjudan/([^/\s]+)/", first.body).group(1)
    assert client.get(reverse("accept_invitation", args=[old])).status_code == 404
