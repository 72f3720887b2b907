"""The start page as the signed-in person's work in one place: their meetings in the coming
weeks, the reports their organisations owe with days left or late, the overdue milestones of
the assignments they follow up; each with an honest empty state, in a fixed number of
queries however much there is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.assignments.models import Milestone
from pusselbit.initiatives.models import Invitation, Meeting
from pusselbit.notifications.domain import notify
from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db
START = reverse("start:start")


@pytest.fixture(autouse=True)
def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, code="1080", name="Karlskrona")


@pytest.fixture
def civil_servant(blekinge, karlskrona):
    return MembershipFactory(region=blekinge, role="initiator", organisation=karlskrona).user


@pytest.fixture
def coordinator(blekinge):
    region_org = blekinge.organisations.get(kind="region")
    return MembershipFactory(
        region=blekinge, role="county_coordinator", organisation=region_org
    ).user


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(START).content.decode()


def _meeting(region, days: int, title: str, **fields) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        region=region,
        kind="coordination_group",
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


def test_empty_states_say_there_is_nothing(client, civil_servant, coordinator):
    page = _page(client, civil_servant)
    assert "You are not invited to any meeting in the coming 6 weeks." in page
    assert "No organisation you work for has a report to submit" in page
    assert "Overdue milestones" not in page  # an initiator follows up no assignments
    assert "Nothing has happened yet that you are told of" in page
    page = _page(client, coordinator)
    assert "No milestone of the assignments you follow up is overdue." in page


def test_meetings_in_the_coming_weeks_with_the_answer_form(client, blekinge, civil_servant):
    soon = _meeting(blekinge, 3, "Kvalitetscafé snart")
    later = _meeting(blekinge, 60, "Möte om två månader")
    past = _meeting(blekinge, -3, "Möte som varit")
    cancelled = _meeting(blekinge, 5, "Inställt möte", cancelled_at=timezone.now())
    others = _meeting(blekinge, 4, "Någon annans möte")
    for meeting in (soon, later, past, cancelled):
        Invitation.objects.create(meeting=meeting, role="other", user=civil_servant)

    page = _page(client, civil_servant)

    assert "Kvalitetscafé snart" in page and 'value="yes"' in page
    assert "Inställt möte" in page and "Cancelled." in page
    for absent in (later, past, others):
        assert absent.title not in page


def test_reports_owed_with_days_left_and_late_but_not_submitted_or_others(
    client, blekinge, karlskrona, civil_servant
):
    today = timezone.localdate()
    RequirementFactory(
        region=blekinge, deadline=today + datetime.timedelta(days=12), recipients=[karlskrona]
    )
    RequirementFactory(
        region=blekinge,
        kind="partial",
        deadline=today - datetime.timedelta(days=3),
        recipients=[karlskrona],
    )
    done = ReportFactory(
        recipient=karlskrona,
        requirement__deadline=today + datetime.timedelta(days=5),
        requirement__kind="partial",
    )
    done.status = "submitted"
    done.submitted_at = timezone.now()
    done.save()
    ronneby = OrganisationFactory(region=blekinge, code="1081", name="Ronneby")
    RequirementFactory(region=blekinge, deadline=today, recipients=[ronneby])
    RequirementFactory(
        region=blekinge, deadline=today + datetime.timedelta(days=200), recipients=[karlskrona]
    )

    page = _page(client, civil_servant)

    assert "12 days left" in page
    assert "3 days late" in page
    assert "due today" not in page  # Ronneby's
    assert page.count("Karlskrona:") == 2  # not the submitted one, nor the one in 200 days


def test_overdue_milestones_of_adopted_assignments_in_the_users_follow_up_regions(
    client, blekinge, dalarna, coordinator
):
    today = timezone.localdate()
    adopted = AssignmentFactory(region=blekinge, status="adopted", title="Uppdrag Blekinge")
    draft = AssignmentFactory(region=blekinge, title="Utkast till uppdrag")
    elsewhere = AssignmentFactory(region=dalarna, status="adopted", title="Uppdrag Dalarna")
    for assignment in (adopted, draft, elsewhere):
        Milestone.objects.create(
            assignment=assignment,
            due_on=today - datetime.timedelta(days=10),
            text=f"Försenad punkt i {assignment.title}",
        )
    Milestone.objects.create(
        assignment=adopted, due_on=today - datetime.timedelta(days=20), text="Klar", done_on=today
    )
    Milestone.objects.create(assignment=adopted, season="spring", year=today.year - 1, text="Vår")

    page = _page(client, coordinator)

    assert "Försenad punkt i Uppdrag Blekinge" in page and "Vår" in page
    assert "Utkast till uppdrag" not in page and "Uppdrag Dalarna" not in page
    assert ">Klar<" not in page


def test_latest_notifications_are_the_users_own_newest_five(client, blekinge, civil_servant):
    other = MembershipFactory(region=blekinge, role="initiator").user
    for n in range(7):
        notify(
            [civil_servant],
            region=blekinge,
            kind="submitted",
            subject=f"Händelse {n}",
            body="",
            url="/",
        )
    notify([other], region=blekinge, kind="submitted", subject="Någon annans", body="")

    page = _page(client, civil_servant)

    assert all(f"Händelse {n}" in page for n in range(2, 7))
    assert "Händelse 1<" not in page and "Någon annans" not in page
    assert "All your notifications" in page


def test_the_start_page_reads_in_a_fixed_number_of_queries(
    client, blekinge, karlskrona, civil_servant, coordinator
):
    def count() -> int:
        client.force_login(coordinator)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(START).status_code == 200
        return len(queries)

    MembershipFactory(
        user=coordinator,
        region=blekinge,
        role="initiator",
        organisation=karlskrona,
    )
    before = count()
    today = timezone.localdate()
    for n in range(5):
        meeting = _meeting(blekinge, n + 1, f"Möte {n}")
        Invitation.objects.create(meeting=meeting, role="other", user=coordinator)
        RequirementFactory(
            region=blekinge, deadline=today + datetime.timedelta(days=n), recipients=[karlskrona]
        )
        assignment = AssignmentFactory(region=blekinge, status="adopted")
        Milestone.objects.create(
            assignment=assignment, due_on=today - datetime.timedelta(days=n + 1), text="Sen"
        )
        notify([coordinator], region=blekinge, kind="submitted", subject=f"Nytt {n}", body="")
    assert count() == before
