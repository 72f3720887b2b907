"""A reminder is sent once, also when the mail server is down when it falls due: it waits in
the outbox and goes out when the server is back, and the next day's run does not repeat it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from pusselbit.core.models import OutgoingMail
from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import import_question_set, send_reminders
from pusselbit.reporting.models import ReminderSent, Requirement
from tests.factories import MembershipFactory, OrganisationFactory

# The reminders are sent after their commit, as a scheduler's run commits.
pytestmark = pytest.mark.django_db(transaction=True)

CSV = "section,code,question,help_text,answer_type,required,choices\nA,1.1,Fråga?,,text,ja,\n"


@pytest.fixture
def requirement(blekinge):
    agreement = create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )
    requirement = Requirement.objects.create(
        agreement=agreement,
        region=blekinge,
        kind="final",
        deadline=datetime.date(2021, 3, 31),
        question_set=import_question_set("ÖK", "SKR", "f.csv", CSV.encode(), actor=None),
        remind_days_before=[30, 7],
    )
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    requirement.recipients.add(karlskrona)
    MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator", user__username="lokal"
    )
    return requirement


def test_a_reminder_due_while_the_mail_server_is_down_is_sent_once_it_is_back(
    requirement, mail_server
):
    assert send_reminders(datetime.date(2021, 3, 1)) == 1

    message = OutgoingMail.objects.get()
    assert message.status == "queued" and message.last_error and message.region.slug == "blekinge"
    assert ReminderSent.objects.count() == 1

    mail_server.start()
    assert send_reminders(datetime.date(2021, 3, 2)) == 0  # the same reminder, not again
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        call_command("send_queued_mail", verbosity=0)
        call_command("send_queued_mail", verbosity=0)

    assert mail_server.recipients() == ["lokal@example.org"]
    assert "31 mars 2021" in mail_server.messages[0].get_content()
    message.refresh_from_db()
    assert message.status == "sent"
