"""Preconditions for next year's funds (Dalarna seed, section 2): the county coordinator checks
each recipient, a recipient meets them all only when every precondition is met and its required
report is submitted, and the region and role boundaries hold."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    start_report,
    submit_report,
)
from pusselbit.reporting.domain.preconditions import (
    record_precondition_check,
    record_precondition_checks,
)
from pusselbit.reporting.models import Precondition, PreconditionCheck, Requirement
from pusselbit.reporting.preconditions import precondition_table
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,,text,ja,
"""


@pytest.fixture
def agreement():
    return create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )


@pytest.fixture
def requirement(blekinge, agreement):
    question_set = import_question_set("ÖK 2020", "SKR", "f.csv", CSV.encode(), actor=None)
    return Requirement.objects.create(
        agreement=agreement,
        region=blekinge,
        kind="final",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        question_set=question_set,
        precondition_for_next_year=True,
    )


@pytest.fixture
def preconditions(blekinge, agreement):
    return [
        Precondition.objects.create(
            agreement=agreement, region=blekinge, text="Avsnitt 3–6 uppfyllda", order=0
        ),
        Precondition.objects.create(
            agreement=agreement, region=blekinge, text="Delredovisning inlämnad", order=1
        ),
    ]


@pytest.fixture
def karlskrona(blekinge, requirement):
    municipality = OrganisationFactory(region=blekinge, name="Karlskrona")
    requirement.recipients.add(municipality)
    return municipality


@pytest.fixture
def ronneby(blekinge, requirement):
    municipality = OrganisationFactory(region=blekinge, name="Ronneby")
    requirement.recipients.add(municipality)
    return municipality


def submit(requirement, recipient, actor):
    report = start_report(requirement, recipient, actor=actor)
    save_answers(report, {"1.1": "Gjort"}, actor=actor)
    submit_report(report, actor=actor, registration_number="KS 1")


def page_url(agreement, region="blekinge"):
    return reverse("reporting:preconditions", args=[region, agreement.pk])


def mark(client, precondition, recipient, data, region="blekinge", **kwargs):
    """Post the page's one form (a checkbox per recipient) for one recipient."""
    url = reverse("reporting:check_preconditions", args=[region, precondition.agreement_id])
    fields = {"precondition": precondition.pk, "recipients": [recipient.pk], **data}
    return client.post(url, {f"checks-{k}": v for k, v in fields.items()}, **kwargs)


def row_of(table, recipient):
    return next(row for row in table.rows if row.recipient == recipient)


def test_coordinator_marks_checks_and_a_second_check_replaces_the_first(
    alice, blekinge, agreement, preconditions, karlskrona
):
    first = record_precondition_check(
        preconditions[0], karlskrona, actor=alice, met=True, note="OK"
    )
    again = record_precondition_check(
        preconditions[0], karlskrona, actor=alice, met=False, note="Nej"
    )
    assert first.pk == again.pk
    check = PreconditionCheck.objects.get()
    assert (check.met, check.note, check.checked_by) == (False, "Nej", alice)
    assert AuditEntry.objects.filter(action="reporting.precondition_checked").count() == 2


def test_a_colleague_without_the_role_may_not_check(bob, preconditions, karlskrona):
    with pytest.raises(PermissionDenied):
        record_precondition_check(preconditions[0], karlskrona, actor=bob, met=True)
    assert not PreconditionCheck.objects.exists()


def test_checks_of_many_with_one_outside_the_agreement_record_none(
    alice, blekinge, preconditions, karlskrona, ronneby
):
    outsider = OrganisationFactory(region=blekinge, name="Olofström")

    with pytest.raises(ValidationError) as refused:
        record_precondition_checks(
            preconditions[0], [karlskrona, outsider, ronneby], actor=alice, met=True
        )

    assert "Olofström" in " ".join(refused.value.messages)
    assert not PreconditionCheck.objects.exists()
    assert not AuditEntry.objects.filter(action="reporting.precondition_checked").exists()


def test_checks_of_many_record_one_check_and_entry_each(alice, preconditions, karlskrona, ronneby):
    checks = record_precondition_checks(
        preconditions[1], [karlskrona, ronneby], actor=alice, met=False, note=" Saknas "
    )

    assert {(c.recipient, c.met, c.note) for c in checks} == {
        (karlskrona, False, "Saknas"),
        (ronneby, False, "Saknas"),
    }
    entries = AuditEntry.objects.filter(action="reporting.precondition_checked")
    assert sorted(e.data["recipient"] for e in entries) == sorted([karlskrona.pk, ronneby.pk])


def test_meets_all_only_with_every_precondition_met_and_the_report_submitted(
    alice, blekinge, agreement, requirement, preconditions, karlskrona, ronneby
):
    table = precondition_table(blekinge, agreement)
    assert [row.recipient for row in table.rows] == [karlskrona, ronneby]
    assert table.not_meeting_all == 2 and table.reports_missing == 2

    for precondition in preconditions:
        record_precondition_check(precondition, karlskrona, actor=alice, met=True)
    record_precondition_check(preconditions[0], ronneby, actor=alice, met=True)
    submit(requirement, ronneby, alice)
    table = precondition_table(blekinge, agreement)
    # Karlskrona: all met but no report; Ronneby: report but one precondition unchecked.
    assert not row_of(table, karlskrona).meets_all
    assert row_of(table, karlskrona).report_submitted is False
    assert not row_of(table, ronneby).meets_all
    assert row_of(table, ronneby).report_submitted is True
    assert table.not_met == {preconditions[0].pk: 0, preconditions[1].pk: 1}

    submit(requirement, karlskrona, alice)
    table = precondition_table(blekinge, agreement)
    assert row_of(table, karlskrona).meets_all
    assert not row_of(table, ronneby).meets_all
    assert (table.not_meeting_all, table.reports_missing) == (1, 0)


def test_the_coordinator_marks_a_check_on_the_page(
    client, alice, agreement, preconditions, karlskrona
):
    client.force_login(alice)
    response = mark(client, preconditions[0], karlskrona, {"met": "1", "note": "Avstämt i maj"})
    assert response.status_code == 302
    assert response["Location"] == page_url(agreement)
    check = PreconditionCheck.objects.get()
    assert (check.met, check.note, check.checked_by) == (True, "Avstämt i maj", alice)

    page = client.get(page_url(agreement)).content.decode()
    assert "<caption" in page and 'scope="row"' in page and 'scope="col"' in page
    assert f'data-precondition="{preconditions[0].pk}" data-met="yes"' in page
    assert 'name="checks-met" value="0"' in page  # one form marks (or unmarks) many
    assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=", page)  # nothing inline


def test_the_overview_links_to_the_table_for_coordinators_only(
    client, alice, blekinge, agreement, requirement, karlskrona
):
    link = page_url(agreement)
    client.force_login(alice)
    assert link in client.get(reverse("reporting:overview", args=["blekinge"])).content.decode()
    local = MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator"
    ).user
    client.force_login(local)
    page = client.get(reverse("reporting:overview", args=["blekinge"])).content.decode()
    assert link not in page


def test_a_local_coordinator_sees_the_table_but_may_not_check(
    client, blekinge, agreement, preconditions, karlskrona
):
    local = MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator"
    ).user
    client.force_login(local)
    page = client.get(page_url(agreement))
    assert page.status_code == 200
    assert 'name="checks-met"' not in page.content.decode()
    response = mark(client, preconditions[0], karlskrona, {"met": "1"})
    assert response.status_code == 403
    assert not PreconditionCheck.objects.exists()


def test_another_region_is_a_404(client, charlie, agreement, preconditions, karlskrona):
    client.force_login(charlie)
    assert client.get(page_url(agreement)).status_code == 404
    assert mark(client, preconditions[0], karlskrona, {"met": "1"}).status_code == 404
    # Nor can Dalarna's coordinator reach Blekinge's precondition through Dalarna's address.
    response = mark(client, preconditions[0], karlskrona, {"met": "1"}, region="dalarna")
    assert response.status_code == 404
    assert client.get(page_url(agreement, region="dalarna")).status_code == 404
    assert not PreconditionCheck.objects.exists()


def test_a_non_recipient_is_refused(client, alice, blekinge, agreement, preconditions):
    outsider = OrganisationFactory(region=blekinge, name="Olofström")
    client.force_login(alice)
    response = mark(client, preconditions[0], outsider, {"met": "1"})
    assert response.status_code == 200  # not among the form's recipients: said on the form
    assert not PreconditionCheck.objects.exists()


def _queries_for(client, blekinge, agreement, requirement, preconditions, alice, count):
    recipients = [OrganisationFactory(region=blekinge, name=f"Kommun {i:02}") for i in range(count)]
    requirement.recipients.set(recipients)
    for i, recipient in enumerate(recipients):
        record_precondition_check(preconditions[i % 2], recipient, actor=alice, met=i % 3 == 0)
        if i % 4 == 0:
            submit(requirement, recipient, alice)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as table_queries:
        table = precondition_table(blekinge, agreement)
    assert len(table.rows) == count
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get(page_url(agreement)).status_code == 200
    return len(table_queries), len(page_queries)


def test_the_query_count_does_not_grow_with_the_recipients(
    client, alice, blekinge, agreement, requirement, preconditions
):
    few = _queries_for(client, blekinge, agreement, requirement, preconditions, alice, 15)
    many = _queries_for(client, blekinge, agreement, requirement, preconditions, alice, 50)
    assert few == many
    assert few[0] == 5


def test_next_years_allocation_names_who_does_not_meet_the_preconditions(client, demo_once):
    import datetime

    from pusselbit.accounts.models import User
    from pusselbit.funds.domain import create_agreement

    following = create_agreement(
        "ÖK 2021", "Överenskommelse 2021", 2021, datetime.date(2021, 12, 31), actor=None
    )
    from decimal import Decimal

    from pusselbit.agreements.models import Direction
    from pusselbit.funds.domain import set_region_funds
    from pusselbit.organisations.models import Region

    set_region_funds(
        following,
        Region.objects.get(slug="dalarna"),
        Direction.objects.get(code="suicidprevention"),
        Decimal("1000000"),
        actor=None,
    )
    client.force_login(User.objects.get(username="dalarna-ekonom"))
    html = client.get(f"/regioner/dalarna/medel/{following.pk}/").content.decode()
    assert "uppfyller ännu inte de förutsättningar som ÖK 2020 ställde" in html
    assert "Falun" in html  # nothing checked yet: nobody meets them


def test_a_note_with_a_nul_byte_is_refused_with_a_message(client, alice, preconditions, karlskrona):
    client.force_login(alice)
    response = mark(client, preconditions[0], karlskrona, {"met": "1", "note": "Klart\x00"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv på en rad." in html
    assert not PreconditionCheck.objects.exists()


def test_a_check_that_is_neither_met_nor_not_met_is_refused(
    client, alice, preconditions, karlskrona
):
    client.force_login(alice)
    response = mark(client, preconditions[0], karlskrona, {"met": "2"})
    assert response.status_code == 200
    assert "Markera dem som: " in response.content.decode()
    assert not PreconditionCheck.objects.exists()
