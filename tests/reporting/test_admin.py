"""Reporting in the admin: reports are registered records, read-only for everyone; the
requirement and its preconditions are changed through the same domain functions (and locks)
as on the pages."""

import datetime

import pytest
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    start_report,
    submit_report,
)
from pusselbit.reporting.domain.preconditions import add_precondition, record_precondition_check
from pusselbit.reporting.models import Answer, Precondition, Report, Requirement
from tests.factories import MembershipFactory, UserFactory
from tests.reporting import test_domain

pytestmark = pytest.mark.django_db

requirement = test_domain.requirement
karlskrona = test_domain.karlskrona
contact = test_domain.contact


@pytest.fixture
def blekinge_admin(blekinge):
    return MembershipFactory(region=blekinge, role="administrator", user__username="adam").user


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def submitted(requirement, karlskrona, contact):
    report = start_report(requirement, karlskrona, actor=contact)
    save_answers(report, test_domain.ANSWERS, actor=contact)
    return submit_report(report, actor=contact, registration_number="RB 2021/44")


def requirement_data(requirement, **changes):
    data = {
        "agreement": requirement.agreement_id,
        "kind": requirement.kind,
        "deadline": requirement.deadline.isoformat(),
        "question_set": requirement.question_set_id,
        "recipients": [o.pk for o in requirement.recipients.all()],
        "remind_days_before": "[30, 7]",
    }
    data.update(changes)
    return data


def test_submitted_report_cannot_be_changed_or_deleted_by_platform_operator(
    client, root, submitted
):
    client.force_login(root)
    change = reverse("admin:reporting_report_change", args=[submitted.pk])
    assert 'name="registration_number"' not in client.get(change).content.decode()
    response = client.post(change, {"status": "draft", "registration_number": "X 1"})
    assert response.status_code == 403
    delete = reverse("admin:reporting_report_delete", args=[submitted.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    report = Report.objects.get(pk=submitted.pk)
    assert (report.status, report.registration_number) == ("submitted", "RB 2021/44")
    assert Answer.objects.filter(report=report).count() == 4


def test_question_set_of_requirement_with_reports_stays(
    client, blekinge_admin, requirement, submitted
):
    other = import_question_set("Annan", "SKR", "f.csv", test_domain.CSV.encode(), actor=None)
    client.force_login(blekinge_admin)
    url = reverse("admin:reporting_requirement_change", args=[requirement.pk])
    assert 'name="question_set"' not in client.get(url).content.decode()
    response = client.post(url, requirement_data(requirement, question_set=other.pk))
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.question_set != other


def test_requirement_change_in_admin_goes_through_update_requirement(
    client, blekinge_admin, requirement, karlskrona
):
    client.force_login(blekinge_admin)
    url = reverse("admin:reporting_requirement_change", args=[requirement.pk])
    response = client.post(url, requirement_data(requirement, deadline="2021-04-15"))
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.deadline == datetime.date(2021, 4, 15)
    entry = AuditEntry.objects.get(action="reporting.requirement_changed")
    assert entry.actor == blekinge_admin
    assert entry.data["changed"]["deadline"] == ["2021-03-31", "2021-04-15"]


def test_requirement_refusal_is_shown_on_the_form(client, blekinge_admin, requirement, karlskrona):
    client.force_login(blekinge_admin)
    url = reverse("admin:reporting_requirement_change", args=[requirement.pk])
    response = client.post(url, requirement_data(requirement, remind_days_before="[400]"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "365" in str(form.errors["remind_days_before"])
    requirement.refresh_from_db()
    assert requirement.remind_days_before == [30, 7]


def test_requirement_with_reports_is_not_removed(client, root, requirement, submitted):
    client.force_login(root)
    url = reverse("admin:reporting_requirement_delete", args=[requirement.pk])
    client.post(url, {"post": "yes"})
    assert Requirement.objects.filter(pk=requirement.pk).exists()
    assert Report.objects.filter(pk=submitted.pk).exists()


def test_precondition_checked_against_is_not_removed(
    client, blekinge, blekinge_admin, requirement, karlskrona
):
    precondition = add_precondition(
        None, blekinge, requirement.agreement, "Delredovisning inlämnad"
    )
    record_precondition_check(precondition, karlskrona, actor=None, met=True)
    client.force_login(blekinge_admin)
    url = reverse("admin:reporting_precondition_delete", args=[precondition.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Precondition.objects.filter(pk=precondition.pk).exists()
    assert "Det går inte att ta bort" in response.content.decode()


def test_precondition_change_in_admin_writes_audit_entry(
    client, blekinge, blekinge_admin, requirement
):
    precondition = add_precondition(None, blekinge, requirement.agreement, "Delredovisning")
    client.force_login(blekinge_admin)
    url = reverse("admin:reporting_precondition_change", args=[precondition.pk])
    response = client.post(url, {"text": "Delredovisning inlämnad i tid", "order": 0})
    assert response.status_code == 302
    precondition.refresh_from_db()
    assert precondition.text == "Delredovisning inlämnad i tid"
    entry = AuditEntry.objects.get(action="reporting.precondition_changed")
    assert entry.actor == blekinge_admin and entry.data["before"]["text"] == "Delredovisning"
