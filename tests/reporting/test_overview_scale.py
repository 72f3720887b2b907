"""Issue 12: the reporting overview at national scale. It shows one agreement's requirements
(the newest by default, ?overenskommelse= for another) with counts per status counted in the
database; every recipient's row is on the requirement's own page, a page at a time."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.core.pagination import PER_PAGE
from pusselbit.funds.domain import create_agreement
from pusselbit.reporting import queries
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    start_report,
    submit_report,
)
from pusselbit.reporting.models import Requirement
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,,text,nej,
"""
TODAY = timezone.localdate()


def make_requirement(region, year, deadline, kind="final"):
    agreement = create_agreement(
        f"ÖK {year}", f"Överenskommelse {year}", year, datetime.date(year, 12, 31), actor=None
    )
    question_set = import_question_set(f"ÖK {year}", "SKR", "f.csv", CSV.encode(), actor=None)
    return Requirement.objects.create(
        agreement=agreement, region=region, kind=kind, deadline=deadline, question_set=question_set
    )


def add_recipients(requirement, count, prefix="Kommun"):
    recipients = [
        OrganisationFactory(region=requirement.region, name=f"{prefix} {n:03}")
        for n in range(count)
    ]
    requirement.recipients.add(*recipients)
    return recipients


def get(client, name, *args, **params):
    response = client.get(reverse(f"reporting:{name}", args=["blekinge", *args]), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    return re.findall(r'<tr data-recipient="([^"]+)"', html)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_500_recipients_render_no_rows_on_the_overview_and_one_page_on_the_requirement_page(
    client, alice, blekinge
):
    requirement = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=10))
    add_recipients(requirement, 500)
    client.force_login(alice)

    overview = get(client, "overview")
    assert rows(overview) == []
    assert 'data-count="not_started">500<' in overview
    assert "alla 500 mottagare" in overview  # the link to every recipient's row
    assert len(overview) < 30_000

    first = get(client, "recipients", requirement.pk)
    assert rows(first) == [f"Kommun {n:03}" for n in range(PER_PAGE)]
    assert 'aria-current="page"' in first and "page=2" in first
    assert rows(get(client, "recipients", requirement.pk, page=10))[-1] == "Kommun 499"
    assert len(first) < 150_000


@pytest.mark.parametrize("garbage", ["x", "0", "-3", "9999", ""])
def test_a_garbage_page_number_shows_a_real_page(client, alice, blekinge, garbage):
    requirement = make_requirement(blekinge, 2025, TODAY)
    add_recipients(requirement, 60)
    client.force_login(alice)
    shown = rows(get(client, "recipients", requirement.pk, page=garbage, status="nonsense"))
    assert 0 < len(shown) <= PER_PAGE
    assert get(client, "overview", overenskommelse=garbage)  # the newest agreement


def test_query_counts_do_not_grow_with_recipients(client, alice, blekinge):
    requirement = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=3))
    client.force_login(alice)
    overview = reverse("reporting:overview", args=["blekinge"])
    page = reverse("reporting:recipients", args=["blekinge", requirement.pk])

    def grow(count):
        for recipient in add_recipients(requirement, count, prefix=f"K{count}"):
            save_answers(start_report(requirement, recipient, actor=None), {"1.1": "x"}, actor=None)

    grow(5)
    few = count_queries(client, overview), count_queries(client, page)
    grow(120)
    assert (count_queries(client, overview), count_queries(client, page)) == few


def old_counts(user, region, requirement, today):
    """The per-row logic the overview had before issue 12: status_of for every visible row."""
    own = queries.own_organisation_ids(user, region)
    ids = [r.pk for r in requirement.recipients.all()]
    visible = queries.visible_recipient_ids(user, region, ids, own)
    reports = {}
    for report in requirement.reports.order_by("version"):
        reports[report.recipient_id] = report
    counts = dict.fromkeys(queries.RecipientStatus.ALL, 0)
    for pk in visible:
        counts[queries.status_of(requirement, reports.get(pk), today)] += 1
    return counts


@pytest.mark.parametrize("days", [-4, 0, 9])
def test_counts_in_the_database_agree_with_the_per_row_logic(alice, blekinge, days):
    requirement = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=days))
    a, b, c, d, _ = add_recipients(requirement, 5)
    save_answers(start_report(requirement, a, actor=None), {"1.1": "x"}, actor=None)
    submit_report(start_report(requirement, b, actor=None), actor=None, registration_number="1")
    submit_report(start_report(requirement, c, actor=None), actor=None, registration_number="2")
    from pusselbit.reporting.domain import correct_report

    correct_report(requirement.reports.get(recipient=c), actor=None)  # a new draft version
    local = MembershipFactory(region=blekinge, organisation=d, role="local_coordinator").user

    for user in (alice, local):
        expected = old_counts(user, blekinge, requirement, TODAY)
        assert queries.status_counts(user, blekinge, requirement, TODAY) == expected
        (item,) = queries.overview(user, blekinge, requirement.agreement, today=TODAY)
        assert item.counts == expected
    assert sum(old_counts(local, blekinge, requirement, TODAY).values()) == 1


def test_the_newest_agreement_is_shown_and_an_older_one_by_address(client, alice, blekinge):
    old = make_requirement(blekinge, 2021, TODAY - datetime.timedelta(days=900))
    new = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=30))
    client.force_login(alice)

    page = get(client, "overview")
    assert f'id="requirement-{new.pk}"' in page and f'id="requirement-{old.pk}"' not in page
    older = get(client, "overview", overenskommelse=old.agreement_id)
    assert f'id="requirement-{old.pk}"' in older and f'id="requirement-{new.pk}"' not in older
    # Compiling and changing the requirement stay on the overview.
    assert reverse("reporting:compile", args=["blekinge", old.pk]) in older
    assert reverse("reporting:edit_requirement", args=["blekinge", old.pk]) in older


def test_a_status_filter_shows_only_that_status(client, alice, blekinge):
    requirement = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=3))
    first, *_ = add_recipients(requirement, 4)
    save_answers(start_report(requirement, first, actor=None), {"1.1": "x"}, actor=None)
    client.force_login(alice)
    assert rows(get(client, "recipients", requirement.pk, status="draft")) == [first.name]
    assert len(rows(get(client, "recipients", requirement.pk, status="not_started"))) == 3


def test_a_local_coordinator_sees_their_own_row_on_the_overview(client, blekinge):
    requirement = make_requirement(blekinge, 2025, TODAY + datetime.timedelta(days=3))
    own, *_ = add_recipients(requirement, 30)
    local = MembershipFactory(region=blekinge, organisation=own, role="local_coordinator").user
    client.force_login(local)
    assert rows(get(client, "overview")) == [own.name]
    assert rows(get(client, "recipients", requirement.pk)) == [own.name]
