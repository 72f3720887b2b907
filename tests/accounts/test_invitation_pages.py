"""Invitations to a role, the pages: the region's list and invite form (owner, colleague,
other region, anonymous), and the link's page, accepted with a new account or signed in."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.accounts import domain
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import RoleInvitation, User
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ett-bra-losenord-77"


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, name="Karlskrona")


@pytest.fixture
def invitation(alice, blekinge, karlskrona):
    return domain.invite_person(
        blekinge,
        actor=alice,
        email="dora@example.org",
        organisation=karlskrona,
        role=Role.LOCAL_COORDINATOR,
        name="Dora Ek",
    )


def _list(region):
    return reverse("invitations:list", args=[region.slug])


def _token(message) -> str:
    return re.search(r"/konto/inbjudan/([^/]+)/", message.body).group(1)


def _link(invitation, django_capture_on_commit_callbacks) -> str:
    """A fresh link to `invitation` (sent again), as the mail carries it."""
    with django_capture_on_commit_callbacks(execute=True):
        domain.resend_invitation(invitation, actor=None, times_sent=invitation.times_sent)
    return reverse("accept_invitation", args=[_token(mail.outbox[-1])])


def test_list_shows_the_regions_invitations_to_the_owner(client, alice, invitation, blekinge):
    client.force_login(alice)
    html = client.get(_list(blekinge)).content.decode()
    assert "dora@example.org" in html and "Lokal samordnare" in html and "Karlskrona" in html
    assert "Väntande, gäller till och med" in html
    assert "Skicka igen" in html and "Återkalla inbjudan" in html


def test_list_is_403_to_a_colleague_404_to_another_region_login_to_anonymous(
    client, bob, charlie, blekinge, invitation
):
    assert client.get(_list(blekinge))["Location"].startswith(reverse("login"))
    client.force_login(bob)
    assert client.get(_list(blekinge)).status_code == 403
    client.force_login(charlie)
    assert client.get(_list(blekinge)).status_code == 404
    withdraw = reverse("invitations:withdraw", args=[charlie_region(charlie), invitation.pk])
    assert client.post(withdraw).status_code == 404  # under the address of charlie's region
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def charlie_region(charlie):
    return charlie.memberships.get().region.slug


def test_list_reads_in_a_fixed_number_of_queries(client, alice, blekinge, karlskrona):
    client.force_login(alice)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_list(blekinge)).status_code == 200
        return len(queries)

    def invite(n):
        domain.invite_person(
            blekinge,
            actor=alice,
            email=f"p{n}@example.org",
            organisation=karlskrona,
            role=Role.ANALYST,
        )

    invite(0)
    one = count()
    for n in range(1, 50):
        invite(n)
    assert count() == one


def test_invite_form_keeps_what_was_typed_and_shows_errors_by_the_fields(
    client, alice, blekinge, karlskrona
):
    client.force_login(alice)
    url = reverse("invitations:invite", args=[blekinge.slug])
    html = client.get(url).content.decode()
    assert 'value="local_coordinator"' in html and 'value="administrator"' not in html

    response = client.post(url, {"email": "not-an-address", "name": "Dora Ek", "role": "analyst"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="not-an-address"' in html and 'value="Dora Ek"' in html
    assert "Fyll i en giltig e-postadress." in html and 'id="id_organisation_error"' in html
    assert not RoleInvitation.objects.exists()


def test_county_coordinator_cannot_invite_an_administrator_through_the_form(
    client, alice, blekinge, karlskrona
):
    client.force_login(alice)
    url = reverse("invitations:invite", args=[blekinge.slug])
    data = {"email": "a@example.org", "organisation": karlskrona.pk, "role": "administrator"}
    response = client.post(url, data)
    assert response.status_code == 200 and 'id="id_role_error"' in response.content.decode()
    assert not RoleInvitation.objects.exists()


def test_invite_sends_and_is_listed(client, alice, blekinge, karlskrona):
    client.force_login(alice)
    url = reverse("invitations:invite", args=[blekinge.slug])
    form = client.get(url).context["form"]
    data = {
        "submission": form.initial["submission"],
        "email": "dora@example.org",
        "organisation": karlskrona.pk,
        "role": "local_coordinator",
    }
    response = client.post(url, data, follow=True)
    again = client.post(url, data, follow=True)  # a double click

    assert "En inbjudan skickas till dora@example.org." in response.content.decode()
    assert "Formuläret var redan skickat" in again.content.decode()
    assert RoleInvitation.objects.get().invited_by == alice  # one, not two


def test_withdraw_and_resend_from_the_list(client, alice, blekinge, invitation):
    client.force_login(alice)
    resend = reverse("invitations:resend", args=[blekinge.slug, invitation.pk])
    first = client.post(resend, {"times_sent": "1"}, follow=True).content.decode()
    second = client.post(resend, {"times_sent": "1"}, follow=True).content.decode()
    assert "skickas igen med en ny länk" in first
    assert "hade redan skickats igen" in second
    withdraw = reverse("invitations:withdraw", args=[blekinge.slug, invitation.pk])
    assert "länken fungerar inte längre" in client.post(withdraw, follow=True).content.decode()
    assert "redan återkallats" in client.post(withdraw, follow=True).content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn" and invitation.times_sent == 2


def test_anonymous_sets_up_an_account_and_lands_in_the_region(
    client, invitation, blekinge, django_capture_on_commit_callbacks
):
    url = _link(invitation, django_capture_on_commit_callbacks)
    html = client.get(url).content.decode()
    assert "bjuder in dig att arbeta i Pusselbit som Lokal samordnare för Karlskrona" in html
    assert "dora@example.org" in html
    assert f"{reverse('login')}?next={url}" in html.replace("&amp;", "&")

    wrong = {"username": "dora", "first_name": "Dora", "last_name": "Ek"}
    response = client.post(url, wrong | {"password1": PASSWORD, "password2": "annat"})
    assert 'value="dora"' in response.content.decode()
    assert 'id="id_password2_error"' in response.content.decode()

    data = wrong | {"password1": PASSWORD, "password2": PASSWORD}
    response = client.post(url, data)
    assert response["Location"] == reverse("start:start") + "#region-blekinge"
    page = client.get(response["Location"]).content.decode()
    assert "Välkommen till Region Blekinge: du är nu Lokal samordnare för Karlskrona." in page
    dora = User.objects.get(username="dora")
    assert dora.email == "dora@example.org" and dora.memberships.get().region == blekinge

    client.logout()  # the same form sent again (a double click): let in and told
    again = client.post(url, data, follow=True).content.decode()
    assert "Du hade redan tackat ja" in again
    assert User.objects.filter(email="dora@example.org").count() == 1


def test_a_taken_username_is_told_by_the_field(
    client, bob, invitation, django_capture_on_commit_callbacks
):
    url = _link(invitation, django_capture_on_commit_callbacks)
    data = {"username": "bob", "first_name": "D", "last_name": "E"}
    response = client.post(url, data | {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert 'id="id_username_error"' in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_signed_in_person_accepts_with_the_button(
    client, charlie, invitation, blekinge, django_capture_on_commit_callbacks
):
    url = _link(invitation, django_capture_on_commit_callbacks)
    client.force_login(charlie)  # a coordinator in Dalarna, not yet in Blekinge
    html = client.get(url).content.decode()
    assert "Tacka ja till inbjudan" in html and "Skapa ditt konto" not in html

    response = client.post(url)
    assert response["Location"] == reverse("start:start") + "#region-blekinge"
    assert charlie.memberships.filter(region=blekinge, role="local_coordinator").exists()
    again = client.post(url, follow=True).content.decode()  # a second tab
    assert "Du hade redan tackat ja" in again


@pytest.mark.parametrize("state", ["unknown", "withdrawn", "expired", "used"])
def test_a_link_that_cannot_be_used_says_why(
    client, alice, bob, invitation, state, django_capture_on_commit_callbacks
):
    url = _link(invitation, django_capture_on_commit_callbacks)
    when = timezone.now()
    if state == "unknown":
        url = reverse("accept_invitation", args=["x" * 43])
    elif state == "withdrawn":
        domain.withdraw_invitation(invitation, actor=alice)
    elif state == "expired":
        when += datetime.timedelta(days=15)
    else:
        domain.accept_invitation(invitation, user=bob)
    with time_machine.travel(when):
        get, post = client.get(url), client.post(url, {"username": "z"})
    assert get.status_code == post.status_code == (404 if state == "unknown" else 410)
    html = get.content.decode()
    assert "Inbjudan kan inte användas" in html
    expected = {
        "unknown": "Länken är ingen inbjudan",
        "withdrawn": "Inbjudan har återkallats.",
        "expired": "Inbjudan har gått ut.",
        "used": "Inbjudan har redan använts.",
    }
    assert expected[state] in html


def test_an_overlong_token_is_404(client):
    response = client.get(reverse("accept_invitation", args=["a" * 5000]))
    assert response.status_code == 404


def test_an_administrator_invitation_shows_no_resend_to_a_coordinator(
    client, alice, blekinge, karlskrona
):
    adam = MembershipFactory(region=blekinge, role=Role.ADMINISTRATOR).user
    domain.invite_person(
        blekinge,
        actor=adam,
        email="boss@example.org",
        organisation=karlskrona,
        role="administrator",
    )
    client.force_login(alice)
    html = client.get(_list(blekinge)).content.decode()
    assert "boss@example.org" in html and "Skicka igen" not in html and "Återkalla inbjudan" in html
