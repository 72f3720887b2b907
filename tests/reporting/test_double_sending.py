"""A report's correction or first opening sent twice at the same moment (a double click) makes
one new version; the second click is told, not answered with a server error."""

import pytest

from pusselbit.reporting.domain import save_answers, start_report, submit_report
from pusselbit.reporting.models import Report
from tests.concurrency import at_once, postgresql_only
from tests.reporting import test_pages as pages
from tests.reporting.test_pages import report_url

# The reporting pages' fixtures: Blekinge's requirement, Karlskrona and its local coordinator.
agreement = pages.agreement
requirement = pages.requirement
karlskrona = pages.karlskrona
local = pages.local

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]


def test_correction_clicked_twice_at_once_opens_one_new_version(requirement, karlskrona, local):
    report = start_report(requirement, karlskrona, actor=local)
    answers = {"1.1": "Samtalsstöd", "1.2": "120", "2.2": "ja", "3.1": "Könsuppdelad"}
    save_answers(report, answers, actor=local)
    submit_report(report, actor=local, registration_number="RB 2021/44")
    address = report_url(requirement, karlskrona) + "ratta/"

    responses = at_once(local, [(address, {})] * 3)

    assert [getattr(r, "status_code", r) for r in responses] == [302] * 3
    assert Report.objects.filter(recipient=karlskrona).count() == 2


def test_report_opened_by_two_at_once_is_one_draft(requirement, karlskrona, local):
    responses = at_once(local, [(report_url(requirement, karlskrona), {"save": "1"})] * 3)

    assert all(getattr(r, "status_code", 500) < 500 for r in responses), responses
    assert Report.objects.filter(recipient=karlskrona).count() == 1
