"""Mail never breaks a stage change: it goes through the outbox after the commit, over a real
SMTP server that may be down. These tests commit for real, as the site does, so the mail is
sent where it would be: after the commit."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.models import OutgoingMail
from pusselbit.initiatives.models import Initiative, StageChange
from tests.initiatives.helpers import complete_idea, via

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(db):
    """A test before may have committed and emptied the tables, the migrations' rows too."""
    agreement_reference.load(Direction, PriorityArea)


def _take(client, initiative, target_key, comment=""):
    transition = via(initiative, target_key)
    path = reverse(
        "initiatives:transition", args=[initiative.region.slug, initiative.pk, transition.pk]
    )
    return client.post(path, {"comment": comment})


def test_stage_change_with_the_mail_server_down_succeeds_and_mails_once_it_is_back(
    client, people, make_initiative, mail_server
):
    initiative = make_initiative("radgivning")
    complete_idea(initiative, people["initiator"])
    client.force_login(people["initiator"])

    response = _take(client, initiative, "inskickad", comment="Klar")

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage.key == "inskickad"
    assert StageChange.objects.filter(initiative=initiative, to_stage__key="inskickad").exists()
    queued = list(OutgoingMail.objects.all())
    assert queued and all(m.status == "queued" and m.attempts == 1 for m in queued)
    assert all("Connection refused" in m.last_error or "Errno" in m.last_error for m in queued)
    assert "ble-county_coordinator@example.org" in [m.to[0] for m in queued]

    mail_server.start()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        call_command("send_queued_mail", verbosity=0)
        call_command("send_queued_mail", verbosity=0)  # a second run sends nothing again

    assert sorted(mail_server.recipients()) == sorted(m.to[0] for m in queued)
    assert all(m.status == "sent" for m in OutgoingMail.objects.all())
    assert "Samtalsstöd för unga vuxna" in mail_server.messages[0]["Subject"]


def test_stage_change_of_a_title_with_a_line_break_sends_a_one_line_subject(
    client, people, make_initiative, mail_server
):
    initiative = make_initiative("radgivning")
    complete_idea(initiative, people["initiator"])
    # A title stored before titles were held to one line.
    Initiative.objects.filter(pk=initiative.pk).update(title="Samtalsstöd\nBcc: x@example.com")
    mail_server.start()
    client.force_login(people["initiator"])

    response = _take(client, initiative, "inskickad")

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage.key == "inskickad"
    assert mail_server.envelopes, "the stage change was mailed"
    assert "x@example.com" not in mail_server.recipients()
    subjects = []
    for message in mail_server.messages:
        assert message["Bcc"] is None
        subjects.append(message["Subject"].strip())
    # The next actors' notice and the initiator's receipt of the submission, each on one line.
    title = "Samtalsstöd Bcc: x@example.com"
    assert set(subjects) == {f"{title} är nu i steget Inskickad", f"{title} har skickats in"}
    assert all(m.status == "sent" for m in OutgoingMail.objects.all())


def test_idea_title_with_a_line_break_is_refused_next_to_the_field(
    client, people, blekinge, karlskrona
):
    client.force_login(people["initiator"])
    response = client.post(
        reverse("initiatives:create", args=["blekinge"]),
        {"organisation": karlskrona.pk, "title": "Samtalsstöd\nBcc: x@example.com"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert 'href="#id_title"' in html and "Skriv på en rad" in html
    assert "Bcc: x@example.com" in html  # what was typed is kept
