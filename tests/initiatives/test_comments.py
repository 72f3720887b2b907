"""The comment thread of an initiative: who writes in it, whom a mention reaches (the region's
people only, each told by e-mail), and that it never reaches the public."""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry, OutgoingMail
from pusselbit.core.submissions import AlreadySubmitted
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain.comments import mentioned_names
from pusselbit.initiatives.models import Comment, Initiative
from tests.factories import MembershipFactory, OrganisationFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db


def detail(initiative):
    return reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])


def test_mentions_are_user_names_not_e_mail_addresses():
    body = "Mejla anna@example.org; @olle.svensson, kolla budgeten med @ble-finance_officer."
    assert mentioned_names(body) == ["olle.svensson", "ble-finance_officer"]
    assert mentioned_names("@a och @a igen") == ["a"]


def test_a_mention_reaches_only_people_of_the_region_and_each_is_mailed(
    people, make_initiative, charlie
):
    initiative = make_initiative()
    inactive = people["analyst"]
    inactive.is_active = False
    inactive.save()
    comment = domain.post_comment(
        initiative,
        "Kan @ble-local_coordinator titta på detta? @charlie @ble-analyst @finns-inte",
        actor=people["initiator"],
    )
    assert list(comment.mentioned.all()) == [people["local_coordinator"]]
    mail = OutgoingMail.objects.get()
    assert mail.to == [people["local_coordinator"].email] and mail.region == initiative.region
    assert initiative.title in mail.subject and str(people["initiator"]) in mail.subject
    assert "Kan @ble-local_coordinator titta" in mail.body
    assert f"{detail(initiative)}#comments" in mail.body
    entry = AuditEntry.objects.get(action="initiative.commented")
    assert entry.target == initiative and entry.data["mentioned"] == ["ble-local_coordinator"]


def test_mentioning_oneself_mails_nobody(people, make_initiative):
    initiative = make_initiative()
    comment = domain.post_comment(
        initiative, "Notis till @ble-initiator", actor=people["initiator"]
    )
    assert list(comment.mentioned.all()) == [people["initiator"]]
    assert not OutgoingMail.objects.exists()


def test_those_working_on_it_comment_and_others_do_not(
    people, make_initiative, blekinge, karlskrona, charlie
):
    initiative = make_initiative()
    ronneby = OrganisationFactory(region=blekinge, name="Ronneby", code="1081")
    domain.add_participant(initiative, ronneby, actor=people["county_coordinator"])
    participant_person = MembershipFactory(
        region=blekinge, organisation=ronneby, role="communicator"
    ).user
    for writer in (
        people["initiator"],  # the owner
        people["county_coordinator"],
        people["local_coordinator"],
        participant_person,  # works for a participant
    ):
        domain.post_comment(initiative, f"Från {writer.username}", actor=writer)
    outsider = MembershipFactory(region=blekinge, organisation=karlskrona, role="analyst").user
    # A colleague of the owner's municipality, the region's finance officer, another region.
    for refused in (outsider, people["finance_officer"], charlie):
        with pytest.raises(PermissionDenied):
            domain.post_comment(initiative, "Får inte", actor=refused)
    assert Comment.objects.count() == 4


def test_an_empty_comment_is_refused_and_a_form_sent_twice_posts_once(people, make_initiative):
    initiative = make_initiative()
    with pytest.raises(ValidationError) as refused:
        domain.post_comment(initiative, "  \n ", actor=people["initiator"])
    assert "body" in refused.value.message_dict
    key = uuid.uuid4()
    first = domain.post_comment(initiative, "En gång", actor=people["initiator"], submission=key)
    with pytest.raises(AlreadySubmitted) as again:
        domain.post_comment(initiative, "En gång", actor=people["initiator"], submission=key)
    assert again.value.target == first and Comment.objects.count() == 1


def test_the_thread_is_on_the_page_and_the_form_posts_to_it(client, people, make_initiative):
    initiative = make_initiative()
    client.force_login(people["initiator"])
    url = reverse("initiatives:comment", args=["blekinge", initiative.pk])
    page = client.get(detail(initiative)).content.decode()
    assert f'action="{url}"' in page and "@ble-county_coordinator" in page  # who to mention
    response = client.post(
        url, {"comment-body": "Hej @ble-county_coordinator, <b>klart</b>?"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{detail(initiative)}#comments"
    html = response.content.decode()
    assert "Hej @ble-county_coordinator, &lt;b&gt;klart&lt;/b&gt;?" in html
    assert "får veta det med e-post" in html and str(people["county_coordinator"]) in html


def test_a_refused_comment_is_told_next_to_the_field(client, people, make_initiative):
    initiative = make_initiative()
    client.force_login(people["initiator"])
    url = reverse("initiatives:comment", args=["blekinge", initiative.pk])
    with nothing_written():
        response = client.post(url, {"comment-body": "   "})
    assert response.status_code == 200 and 'href="#id_comment-body"' in response.content.decode()


def test_who_may_not_comment_gets_no_form_and_a_403(client, people, make_initiative, charlie):
    initiative = make_initiative()
    url = reverse("initiatives:comment", args=["blekinge", initiative.pk])
    client.force_login(people["finance_officer"])
    assert f'action="{url}"' not in client.get(detail(initiative)).content.decode()
    with nothing_written():
        assert client.post(url, {"comment-body": "Nej"}).status_code == 403
    client.force_login(charlie)
    with nothing_written():
        assert client.post(url, {"comment-body": "Nej"}).status_code == 404


def test_comments_never_reach_the_public_pages_or_the_api(demo_once):
    initiative = Initiative.objects.get(
        region__slug="dalarna", title="Samtalsstöd inom en vecka för unga vuxna"
    )
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    secret = "Internt: budgeten behöver ses över"
    domain.post_comment(initiative, secret, actor=coordinator)
    anonymous = Client()
    public = [
        reverse("public:initiative", args=["dalarna", initiative.pk]),
        reverse("public:initiatives", args=["dalarna"]),
        f"/api/v1/regions/dalarna/initiatives/{initiative.pk}",
        "/api/v1/regions/dalarna/initiatives",
    ]
    for url in public:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode(), url
    # Signed in, the region reads it on the initiative's page.
    client = Client()
    client.force_login(coordinator)
    assert secret in client.get(detail(initiative)).content.decode()


def test_the_comment_form_sent_twice_posts_once(client, people, make_initiative):
    initiative = make_initiative()
    client.force_login(people["initiator"])
    page = client.get(detail(initiative)).content.decode()
    key = re.search(r'name="comment-submission" value="([0-9a-f-]{36})"', page).group(1)
    url = reverse("initiatives:comment", args=["blekinge", initiative.pk])
    data = {"comment-body": "En gång", "comment-submission": key}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == f"{detail(initiative)}#comments"
    assert Comment.objects.count() == 1
