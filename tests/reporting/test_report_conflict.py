"""A report's draft saved from two pages opened at the same version: the second save is refused
(core.concurrency) with what was typed kept, and the first save's answers stay."""

import pytest

from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.reporting.domain import save_answers, start_report
from pusselbit.reporting.models import Answer
from tests.reporting import test_pages as pages
from tests.reporting.test_pages import form_data, report_url

# The reporting pages' fixtures: Blekinge's requirement, Karlskrona and its local coordinator.
agreement = pages.agreement
requirement = pages.requirement
karlskrona = pages.karlskrona
local = pages.local

pytestmark = pytest.mark.django_db


def test_save_answers_from_a_stale_version_raises_and_keeps_the_first(
    requirement, karlskrona, local
):
    report = start_report(requirement, karlskrona, actor=local)
    opened_at = report.edit_version
    save_answers(report, {"1.1": "Först"}, actor=local, expected_version=opened_at)

    with pytest.raises(ConcurrentEdit):
        save_answers(report, {"1.1": "Sedan"}, actor=local, expected_version=opened_at)

    report.refresh_from_db()
    assert report.edit_version == opened_at + 1
    assert Answer.objects.get(report=report, question__code="1.1").text == "Först"


def test_report_page_saved_over_someone_else_says_so_and_keeps_the_text(
    client, requirement, karlskrona, local
):
    report = start_report(requirement, karlskrona, actor=local)
    save_answers(report, {"1.1": "Först"}, actor=local, expected_version=report.edit_version)
    client.force_login(local)

    response = client.post(report_url(requirement, karlskrona), form_data({"1.1": "Sedan"}, 1))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan sparade redovisningen efter att du öppnade den" in page
    assert "Sedan</textarea>" in page
    assert Answer.objects.get(report=report, question__code="1.1").text == "Först"
