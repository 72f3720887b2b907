"""The date is the Swedish one (Europe/Stockholm) wherever a day is meant: days left, reminders,
overdue milestones, the ledger, the follow-up year and the dates forms start with. Each test
runs on a server whose own clock runs in UTC (time-machine moves the clock and, given a
ZoneInfo, the process's time zone), around midnight UTC: between 22:00 and 00:00 UTC it is
already the next day in Sweden in summer (UTC+2), and from 23:00 in winter (UTC+1)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django import forms
from django.urls import reverse

from pusselbit.assignments import domain as assignments
from pusselbit.core.fields import date_field
from pusselbit.funds import queries as funds_queries
from pusselbit.funds.domain import allocate_funds, create_agreement, set_region_funds
from pusselbit.reporting.domain import import_question_set, send_reminders
from pusselbit.reporting.models import ReminderSent, Requirement
from pusselbit.reporting.outcomes import default_year
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

UTC = zoneinfo.ZoneInfo("UTC")
CSV = "section,code,question,help_text,answer_type,required,choices\nA,1.1,Fråga?,,text,ja,\n"


def server_clock_in_utc(*moment):
    """The clock at `moment` (UTC), on a server whose own time zone is UTC."""
    return time_machine.travel(datetime.datetime(*moment, tzinfo=UTC), tick=False)


@pytest.fixture
def agreement():
    from pusselbit.agreements import reference
    from pusselbit.agreements.models import Direction, PriorityArea

    reference.load(Direction, PriorityArea)
    return create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2021, 12, 31), actor=None
    )


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, name="Karlskrona")


def requirement_due(region, agreement, recipient, deadline) -> Requirement:
    question_set = import_question_set("ÖK 2020", "SKR", "f.csv", CSV.encode(), actor=None)
    requirement = Requirement.objects.create(
        agreement=agreement,
        region=region,
        kind="final",
        deadline=deadline,
        question_set=question_set,
        remind_days_before=[30, 7],
    )
    requirement.recipients.add(recipient)
    return requirement


def test_days_left_after_midnight_in_sweden_count_from_the_swedish_date(
    client, blekinge, agreement, karlskrona
):
    requirement = requirement_due(blekinge, agreement, karlskrona, datetime.date(2021, 3, 31))
    local = MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator"
    ).user
    client.force_login(local)
    page = reverse("reporting:report", args=["blekinge", requirement.pk, karlskrona.pk])

    # 23:30 UTC on 30 March is 01:30 on 31 March in Sweden (summer time): the deadline is today.
    with server_clock_in_utc(2021, 3, 30, 23, 30):
        html = client.get(page).content.decode()
        overview = client.get(reverse("reporting:overview", args=["blekinge"])).content.decode()

    assert "0 dagar kvar till sista dag." in html
    row = overview.split('data-recipient="Karlskrona"')[1].split("</tr>")[0]
    assert "0 dagar kvar" in row.split("data-days")[1]


@pytest.mark.parametrize(
    ("moment", "deadline", "reminder"),
    [
        # Summer time (UTC+2): 22:30 UTC on 31 March is 00:30 on 1 April, the report is late.
        ((2021, 3, 31, 22, 30), datetime.date(2021, 3, 31), "late:2021-03-31"),
        # 21:30 UTC is still 23:30 on 31 March: the last day, not late yet.
        ((2021, 3, 31, 21, 30), datetime.date(2021, 3, 31), "before-7:2021-03-31"),
        # Winter time (UTC+1): 22:30 UTC on 31 January is 23:30 the same day, not late yet …
        ((2021, 1, 31, 22, 30), datetime.date(2021, 1, 31), "before-7:2021-01-31"),
        # … and 23:30 UTC is 00:30 on 1 February: late.
        ((2021, 1, 31, 23, 30), datetime.date(2021, 1, 31), "late:2021-01-31"),
    ],
)
def test_reminders_around_midnight_follow_the_swedish_date(
    blekinge, agreement, karlskrona, moment, deadline, reminder
):
    requirement = requirement_due(blekinge, agreement, karlskrona, deadline)
    with server_clock_in_utc(*moment):
        send_reminders()
    assert ReminderSent.objects.get(requirement=requirement).key == reminder


def test_a_milestone_is_overdue_from_the_swedish_midnight(blekinge):
    assignment = assignments.create_assignment(
        blekinge, actor=None, place="Karlskrona", dated=datetime.date(2021, 1, 4), title="U"
    )
    milestone = assignments.add_milestone(
        assignment, actor=None, due_on=datetime.date(2021, 3, 30), text="Rapport"
    )
    with server_clock_in_utc(2021, 3, 30, 21, 30):  # 23:30 in Sweden: the last day
        assert not milestone.overdue()
    with server_clock_in_utc(2021, 3, 30, 22, 30):  # 00:30 on 31 March in Sweden
        assert milestone.overdue()


def test_the_ledger_asks_for_repayment_from_the_swedish_new_year(blekinge, agreement):
    from pusselbit.agreements.models import Direction

    regional = blekinge.organisations.get(kind="region")
    direction = Direction.objects.get(code="samsjuklighet")
    funds = set_region_funds(agreement, blekinge, direction, Decimal("100000.00"), actor=None)
    allocation = allocate_funds(funds, actor=None, key="manual", amounts=[(regional, "100000.00")])
    share = allocation.shares.get()
    # The funds may be used until 31 December 2021.
    with server_clock_in_utc(2021, 12, 31, 22, 30):  # 23:30 on New Year's Eve in Sweden
        assert funds_queries.account(blekinge, share.pk).to_repay is None
        assert funds_queries.ledger(blekinge)[0].to_repay is None
    with server_clock_in_utc(2021, 12, 31, 23, 30):  # 00:30 on 1 January in Sweden
        assert funds_queries.account(blekinge, share.pk).to_repay == 100000
        assert funds_queries.ledger(blekinge)[0].to_repay == 100000


def test_the_follow_up_year_turns_at_the_swedish_new_year():
    with server_clock_in_utc(2021, 12, 31, 22, 30):
        assert default_year([]) == 2021
    with server_clock_in_utc(2021, 12, 31, 23, 30):
        assert default_year([]) == 2022


def test_forms_start_with_the_swedish_date():
    class DatedForm(forms.Form):
        on = date_field("On")

    with server_clock_in_utc(2021, 3, 30, 23, 30):
        assert 'value="2021-03-31"' in str(DatedForm()["on"])
