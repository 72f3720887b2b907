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
from pusselbit.reporting.enums import ReportStatus
from pusselbit.reporting.models import Question, Report, Requirement

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
    # The overview counts; every recipient's row is on the requirement's own page.
    page.locator(f'main a[href="{OVERVIEW_URL}krav/{requirement.pk}/"]').click()
    page.wait_for_url(f"**{OVERVIEW_URL}krav/{requirement.pk}/")
    assert_accessible(page)
    row = page.locator(f'#requirement-{requirement.pk} ~ div tr[data-recipient="Falun"]')
    assert row.locator('[data-status="submitted"]').count() == 1
    assert report.registration_number in row.inner_text()


def test_county_coordinator_compiles_the_county_report_and_follows_its_progress(
    page, assert_accessible, sign_in, demo, settings
):
    """The compile waits for a worker here, so the page shows its progress; the test plays the
    worker, and the page, following the status by itself, shows the downloads when it is done."""
    from pusselbit.reporting.domain.compilations import run_compilation
    from pusselbit.reporting.models import Compilation

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    requirement, _ = requirement_for_falun()
    sign_in(page, f"{REGION}-lanssamordnare")
    assert_accessible(page)
    page.goto(OVERVIEW_URL)
    assert_accessible(page)
    compile_url = f"{OVERVIEW_URL}sammanstallning/{requirement.pk}/"
    page.locator(f'main form[action="{compile_url}"] button').click()
    page.wait_for_url("**/sammanstallning/korning/*/")
    assert_accessible(page)
    assert page.locator("main progress").get_attribute("value") == "0"

    compilation = Compilation.objects.get(requirement=requirement)
    run_compilation(compilation.pk)
    downloads = page.locator("main .downloads a")
    downloads.first.wait_for(timeout=15_000)  # the page reloads itself once the status says done
    assert_accessible(page)
    hrefs = {downloads.nth(i).get_attribute("href") for i in range(downloads.count())}
    base = f"{OVERVIEW_URL}sammanstallning/korning/{compilation.pk}/sammanstallning"
    assert {f"{base}.docx", f"{base}.pdf", f"{base}.xlsx"} <= hrefs
    with page.expect_download() as download:
        page.locator(f'main a[href="{base}.xlsx"]').click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_county_coordinator_sets_up_a_requirement(page, assert_accessible, sign_in, demo):
    final, _ = requirement_for_falun()
    sign_in(page, f"{REGION}-lanssamordnare")
    assert_accessible(page)
    page.goto(OVERVIEW_URL)
    assert_accessible(page)
    page.locator(f'main a[href="{OVERVIEW_URL}krav/ny/"]').click()
    page.wait_for_url(f"**{OVERVIEW_URL}krav/ny/")
    assert_accessible(page)
    page.locator("#id_agreement").select_option(str(final.agreement_id))
    page.locator("#id_kind_0").check()
    page.locator("#id_deadline").fill("2021-09-30")
    page.locator("#id_question_set").select_option(str(final.question_set_id))
    page.locator("#id_remind_days_before").fill("30, en vecka")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{OVERVIEW_URL}krav/ny/")
    assert_accessible(page)  # the errors next to the fields pass too
    assert page.locator("#id_remind_days_before").input_value() == "30, en vecka"
    page.locator("#id_remind_days_before").fill("30, 7")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{OVERVIEW_URL}")
    assert_accessible(page)
    created = Requirement.objects.get(region__slug=REGION, deadline=datetime.date(2021, 9, 30))
    assert created.remind_days_before == [30, 7] and created.recipients.count() >= 16

    # Set up by mistake: removed again, after being asked.
    edit_url = f"{OVERVIEW_URL}krav/{created.pk}/andra/"
    page.locator(f'main a[href="{edit_url}"]').click()
    page.wait_for_url(f"**{edit_url}")
    assert_accessible(page)
    page.locator(f'main a[href="{OVERVIEW_URL}krav/{created.pk}/ta-bort/"]').click()
    page.wait_for_url("**/ta-bort/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{OVERVIEW_URL}")
    assert_accessible(page)
    assert not Requirement.objects.filter(pk=created.pk).exists()
