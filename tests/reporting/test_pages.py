"""The reporting pages: the overview of who has reported, a recipient's report form (draft over
two sittings, submit, read-only once submitted, correction), errors next to their field, and
the region and role boundaries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    start_report,
    submit_report,
)
from pusselbit.reporting.enums import ReportStatus
from pusselbit.reporting.models import Answer, Question, Report, Requirement
from tests.factories import MembershipFactory, OrganisationFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,Beskriv kort,text,ja,
Insatser,1.2,Hur många personer nåddes?,,number,ja,
Medel,2.1,Hur mycket har använts?,,amount,nej,
Medel,2.2,Har medlen räckt?,,yes_no,ja,
Jämställdhet,3.1,Hur har jämställdhetsperspektivet beaktats?,,text,ja,
Jämställdhet,3.2,Bidrag till jämställd hälsa,,choice,nej,Stort|Visst|Inget
"""
TODAY = datetime.date.today()


@pytest.fixture
def agreement():
    return create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )


def make_requirement(region, agreement, deadline, kind="final"):
    question_set = import_question_set("ÖK 2020", "SKR", "f.csv", CSV.encode(), actor=None)
    return Requirement.objects.create(
        agreement=agreement, region=region, kind=kind, deadline=deadline, question_set=question_set
    )


@pytest.fixture
def requirement(blekinge, agreement):
    return make_requirement(blekinge, agreement, TODAY + datetime.timedelta(days=30))


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


@pytest.fixture
def local(blekinge, karlskrona):
    """Karlskrona's local coordinator."""
    return MembershipFactory(
        region=blekinge, organisation=karlskrona, role="local_coordinator", user__username="lokal"
    ).user


def report_url(requirement, recipient):
    return reverse("reporting:report", args=[requirement.region.slug, requirement.pk, recipient.pk])


def field(code):
    return f"question_{Question.objects.get(code=code).pk}"


def form_data(answers, edit_version, action="save"):
    data = {field(code): value for code, value in answers.items()}
    return {**data, "edit_version": edit_version, action: "1"}


def test_report_draft_saved_over_two_sittings_then_submitted(
    client, requirement, karlskrona, local
):
    client.force_login(local)
    url = report_url(requirement, karlskrona)
    page = client.get(url)
    assert "Jämställdhet" in page.content.decode() and "<legend>" in page.content.decode()

    response = client.post(url, form_data({"1.1": "Samtalsstöd", "2.1": "12 500,50"}, 1))
    assert response.status_code == 302 and response["Location"] == url
    report = Report.objects.get(recipient=karlskrona)
    assert report.status == ReportStatus.DRAFT
    assert report.answers.get(question__code="2.1").number == 12500.50

    second = client.get(url).content.decode()
    assert "Samtalsstöd" in second and "12500,50" in second
    assert f'name="edit_version" value="{report.edit_version}"' in second
    more = {"1.1": "Samtalsstöd", "1.2": "120", "2.2": "yes", "3.1": "Könsuppdelad statistik"}
    response = client.post(url, form_data(more, report.edit_version, "submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.registration_number
    assert report.answers.get(question__code="1.1").text == "Samtalsstöd"


def test_submitted_report_shows_answers_read_only(client, requirement, karlskrona, local):
    report = start_report(requirement, karlskrona, actor=local)
    answers = {"1.1": "Samtalsstöd", "1.2": "120", "2.2": "ja", "3.1": "Könsuppdelad"}
    save_answers(report, {**answers, "2.1": "350000"}, actor=local)
    submit_report(report, actor=local, registration_number="RB 2021/44")
    client.force_login(local)

    page = client.get(report_url(requirement, karlskrona)).content.decode()

    assert "RB 2021/44" in page and "Könsuppdelad" in page
    assert "350\xa0000,00\xa0kr" in page
    assert "<textarea" not in page and 'name="submit"' not in page
    assert f'action="{report_url(requirement, karlskrona)}ratta/"' in page
    locked = client.post(report_url(requirement, karlskrona), form_data({"1.1": "Nytt"}, 2))
    assert locked.status_code == 403
    assert Answer.objects.get(report=report, question__code="1.1").text == "Samtalsstöd"


def test_correction_opens_new_version_and_keeps_old(client, requirement, karlskrona, local):
    report = start_report(requirement, karlskrona, actor=local)
    answers = {"1.1": "Samtalsstöd", "1.2": "120", "2.2": "ja", "3.1": "Könsuppdelad"}
    save_answers(report, answers, actor=local)
    submit_report(report, actor=local, registration_number="RB 2021/44")
    client.force_login(local)
    url = report_url(requirement, karlskrona)

    response = client.post(url + "ratta/")

    assert response.status_code == 302 and response["Location"] == url
    correction = Report.objects.get(recipient=karlskrona, version=2)
    assert correction.status == ReportStatus.DRAFT and correction.replaces == report
    page = client.get(url).content.decode()
    assert "Samtalsstöd" in page and "<textarea" in page
    old_url = reverse("reporting:version", args=["blekinge", report.pk])
    assert old_url in page
    old = client.get(old_url).content.decode()
    assert "RB 2021/44" in old and "Samtalsstöd" in old


def test_non_number_is_refused_next_to_the_field_with_typed_value_kept(
    client, requirement, karlskrona, local
):
    client.force_login(local)
    data = form_data({"1.1": "Mitt svar", "1.2": "ungefär hundra"}, 1)

    page = client.post(report_url(requirement, karlskrona), data).content.decode()

    name = field("1.2")
    assert re.search(rf'id="id_{name}_error"[^>]*>\s*<li>[^<]*tal', page, re.S | re.I)
    assert 'value="ungefär hundra"' in page and "Mitt svar" in page
    assert not Answer.objects.exists()


def test_submit_missing_answers_shows_errors_next_to_fields(client, requirement, karlskrona, local):
    client.force_login(local)

    page = client.post(
        report_url(requirement, karlskrona), form_data({"1.1": "Mitt svar"}, 1, "submit")
    ).content.decode()

    for code in ("1.2", "2.2", "3.1"):
        assert f'id="id_{field(code)}_error"' in page
    assert "Mitt svar" in page
    assert not Report.objects.filter(status=ReportStatus.SUBMITTED).exists()


def test_overview_shows_each_status_and_days_left(
    client, blekinge, agreement, requirement, karlskrona, ronneby, local, alice
):
    third = OrganisationFactory(region=blekinge, name="Sölvesborg")
    requirement.recipients.add(third)
    save_answers(start_report(requirement, ronneby, actor=alice), {"1.1": "x"}, actor=alice)
    done = start_report(requirement, third, actor=alice)
    answers = {"1.1": "x", "1.2": "1", "2.2": "nej", "3.1": "y"}
    save_answers(done, answers, actor=alice)
    submit_report(done, actor=alice, registration_number="RB 9/1")
    late = make_requirement(blekinge, agreement, TODAY - datetime.timedelta(days=5), "partial")
    late.recipients.add(karlskrona)
    client.force_login(alice)

    page = client.get(reverse("reporting:overview", args=["blekinge"])).content.decode()

    # The overview counts; each requirement's own page has its recipients' rows.
    first = page.split(f'id="requirement-{requirement.pk}"')[1].split("</section>")[0]
    late_section = page.split(f'id="requirement-{late.pk}"')[1].split("</section>")[0]
    recipients = client.get(reverse("reporting:recipients", args=["blekinge", requirement.pk]))
    rows = dict(
        re.findall(r'<tr data-recipient="([^"]+)">(.*?)</tr>', recipients.content.decode(), re.S)
    )
    assert (
        'data-status="not_started"' in rows["Karlskrona"]
        and ">30 dagar kvar<" in rows["Karlskrona"]
    )
    assert 'data-status="draft"' in rows["Ronneby"] and ">30 dagar kvar<" in rows["Ronneby"]
    assert 'data-status="submitted"' in rows["Sölvesborg"] and "RB 9/1" in rows["Sölvesborg"]
    assert 'data-count="submitted">1<' in first and 'data-count="draft">1<' in first
    assert 'data-count="late">1<' in late_section
    late_page = client.get(reverse("reporting:recipients", args=["blekinge", late.pk]))
    late_rows = late_page.content.decode()
    assert 'data-status="late"' in late_rows and ">5 dagar försenad<" in late_rows


def test_local_coordinator_sees_only_own_row(client, requirement, karlskrona, ronneby, local):
    client.force_login(local)

    page = client.get(reverse("reporting:overview", args=["blekinge"])).content.decode()

    assert 'data-recipient="Karlskrona"' in page and 'data-recipient="Ronneby"' not in page
    assert client.get(report_url(requirement, ronneby)).status_code == 404


def overview_queries(client, user, region) -> int:
    client.force_login(user)
    url = reverse("reporting:overview", args=[region.slug])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_overview_query_count_does_not_grow_with_recipients(client, blekinge, requirement, alice):
    def add(count):
        for _ in range(count):
            recipient = OrganisationFactory(region=blekinge)
            requirement.recipients.add(recipient)
            save_answers(start_report(requirement, recipient, actor=None), {"1.1": "x"}, actor=None)

    add(15)
    with_15 = overview_queries(client, alice, blekinge)
    add(35)
    with_50 = overview_queries(client, alice, blekinge)
    assert with_15 == with_50
    assert Report.objects.count() == 50


def test_colleague_without_reporting_role_may_view_but_not_save(
    client, blekinge, requirement, karlskrona
):
    viewer = MembershipFactory(
        region=blekinge, organisation=karlskrona, role="analyst", user__username="analytiker"
    ).user
    client.force_login(viewer)
    url = report_url(requirement, karlskrona)

    page = client.get(url).content.decode()
    assert 'data-status="not_started"' in page and "<textarea" not in page
    assert client.post(url, form_data({"1.1": "x"}, 1)).status_code == 403
    assert client.post(url + "ratta/").status_code == 403
    assert not Report.objects.exists()


def test_other_recipient_local_coordinator_may_not_save(
    client, blekinge, requirement, karlskrona, ronneby
):
    other = MembershipFactory(
        region=blekinge, organisation=ronneby, role="local_coordinator", user__username="r"
    ).user
    client.force_login(other)

    response = client.post(report_url(requirement, karlskrona), form_data({"1.1": "x"}, 1))

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_other_region_and_anonymous_are_kept_out(client, requirement, karlskrona, charlie):
    client.force_login(charlie)
    assert client.get(reverse("reporting:overview", args=["blekinge"])).status_code == 404
    assert client.get(report_url(requirement, karlskrona)).status_code == 404
    with nothing_written():
        assert client.post(report_url(requirement, karlskrona), {}).status_code == 404
    client.logout()
    response = client.get(reverse("reporting:overview", args=["blekinge"]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
