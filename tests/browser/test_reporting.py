"""Reporting in a real browser: Falun's local coordinator fills in and submits Falun's final
report on ÖK 2020 (a number written the Swedish way, yes/no and choice radios, the
gender-equality section), then the county coordinator sees Falun submitted on the overview.
Every page is checked by axe-core. Should the demo have no requirement, the test makes one with
the domain functions.

Elements are found by address, name and the question set's own data, so the wording may
change."""

import datetime
from importlib import resources

import pytest

from pusselbit.organisations.models import Organisation, Region
from pusselbit.reporting.domain import import_question_set
from pusselbit.reporting.models import Question, Report, ReportStatus, Requirement

pytestmark = pytest.mark.browser

REGION = "dalarna"
OVERVIEW_URL = f"/regioner/{REGION}/redovisning/"

ANSWERS_TEXT = {
    "1.1": "Samtalsstöd för unga vuxna och utbildning i suicidprevention.",
    "1.2": "1 250",
    "2.1": "350 000,50",
    "3.1": "Deltagarna redovisas uppdelade på kön.",
    "3.2": "Fler unga män har nåtts.",
}


def requirement_for_falun() -> tuple[Requirement, Organisation]:
    region = Region.objects.get(slug=REGION)
    falun = Organisation.objects.get(region=region, name="Falun")
    requirement = Requirement.objects.filter(region=region, recipients=falun).first()
    if requirement is None:
        from pusselbit.funds.models import Agreement

        content = (
            resources.files("pusselbit.reporting")
            .joinpath("data", "exempel_fragor_ok2020.csv")
            .read_bytes()
        )
        question_set = import_question_set("ÖK 2020", "SKR", "f.csv", content, actor=None)
        requirement = Requirement.objects.create(
            agreement=Agreement.objects.get(name="ÖK 2020"),
            region=region,
            kind="final",
            deadline=datetime.date(2021, 3, 31),
            question_set=question_set,
        )
        requirement.recipients.add(falun)
    return requirement, falun


def field_id(requirement, code) -> str:
    question = Question.objects.get(section__question_set=requirement.question_set, code=code)
    return f"id_question_{question.pk}"


def test_local_coordinator_submits_falun_report_and_county_sees_it(
    page, assert_accessible, sign_in, demo
):
    requirement, falun = requirement_for_falun()
    report_url = f"{OVERVIEW_URL}krav/{requirement.pk}/{falun.pk}/"

    sign_in(page, f"{REGION}-lokal-samordnare")
    assert_accessible(page)
    page.goto(OVERVIEW_URL)
    assert_accessible(page)
    page.locator(f'main a[href="{report_url}"]').click()
    page.wait_for_url(f"**{report_url}")
    assert_accessible(page)
    assert page.locator("#money-caption").count() == 1  # Falun's funds from the ledger

    for code, text in ANSWERS_TEXT.items():
        page.locator(f"#{field_id(requirement, code)}").fill(text)
    page.locator(f"#{field_id(requirement, '1.3')}_0").check()  # yes
    page.locator(f"#{field_id(requirement, '1.4')}_1").check()  # I viss grad
    page.locator('main button[name="save"]').click()
    page.wait_for_url(f"**{report_url}")
    assert_accessible(page)
    assert page.locator(f"#{field_id(requirement, '2.1')}").input_value() == "350000,50"

    page.locator('main button[name="submit"]').click()
    page.wait_for_url(f"**{report_url}")
    assert_accessible(page)
    report = Report.objects.get(requirement=requirement, recipient=falun)
    assert report.status == ReportStatus.SUBMITTED
    assert page.locator("[data-registration-number]").inner_text() == report.registration_number
    assert page.locator("main textarea").count() == 0

    page.context.clear_cookies()
    sign_in(page, f"{REGION}-lanssamordnare")
    assert_accessible(page)
    page.goto(OVERVIEW_URL)
    assert_accessible(page)
    row = page.locator(f'#requirement-{requirement.pk} ~ div tr[data-recipient="Falun"]')
    assert row.locator('[data-status="submitted"]').count() == 1
    assert report.registration_number in row.inner_text()
