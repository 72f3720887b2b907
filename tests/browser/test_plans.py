"""The county action plan in a real browser: Västra Götaland's analyst opens the region's action
plans, a plan, a goal with its indicator drawn as a chart beside a table, and records a value
(first without a source, which is refused next to the field, then with one); every page is
checked by axe-core. Should the demo have no plan, the county coordinator makes one through
the pages first.

Elements are found by address, id and the plan's own (Swedish) data, so the catalogue may
change."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.plans.models import ActionPlan, Goal

pytestmark = pytest.mark.browser

REGION = "vastra-gotaland"
PLANS_URL = f"/regioner/{REGION}/handlingsplaner/"
COORDINATOR = f"{REGION}-lanssamordnare"
ANALYST = f"{REGION}-analytiker"
GOAL = "Mål 3:2 för vuxna"
INDICATOR = "Systematiskt samarbete med brukarorganisationer"


def submit(page) -> None:
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("load")


def make_plan_through_the_pages(page, assert_accessible, sign_in) -> None:
    """The county coordinator adds a plan, its indicator and Mål 3:2 för vuxna."""
    sign_in(page, COORDINATOR)
    assert_accessible(page)
    page.goto(PLANS_URL)
    assert_accessible(page)
    page.locator(f'main a[href="{PLANS_URL}ny/"]').click()
    page.wait_for_url(f"**{PLANS_URL}ny/")
    assert_accessible(page)
    page.locator("#id_title").fill("Länsgemensam handlingsplan för psykisk hälsa 2018–2020")
    page.locator("#id_first_year").fill("2018")
    page.locator("#id_last_year").fill("2020")
    submit(page)
    page.wait_for_url(re.compile(r"/handlingsplaner/\d+/$"))
    plan_url = page.url.removeprefix(page.url.split("/regioner/")[0])
    assert_accessible(page)

    page.locator(f'main a[href="{plan_url}indikatorer/ny/"]').click()
    page.wait_for_url(f"**{plan_url}indikatorer/ny/")
    assert_accessible(page)
    page.locator("#id_name").fill(INDICATOR)
    page.locator("#id_unit").fill("%")
    submit(page)
    page.wait_for_url(re.compile(r"/handlingsplaner/\d+/#indicator-\d+$"))
    assert_accessible(page)

    page.locator(f'main a[href="{plan_url}mal/nytt/"]').click()
    page.wait_for_url(f"**{plan_url}mal/nytt/")
    assert_accessible(page)
    page.locator("#id_focus_area").select_option(index=3)  # after the empty choice: area 3
    page.locator("#id_number").fill("3:2")
    page.locator("#id_target_group").fill("för vuxna")
    page.locator("#id_text").fill("Brukarföreträdare ska erbjudas delaktighet i utvecklingsarbete.")
    page.locator("main input[name=indicators]").first.check()
    submit(page)
    page.wait_for_url(re.compile(r"/handlingsplaner/\d+/#goal-\d+$"))
    expect(page.locator("main h3 a", has_text=GOAL)).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()  # signed out


def test_analyst_reads_a_goal_and_records_a_value(page, assert_accessible, sign_in, demo):
    if not ActionPlan.objects.filter(region__slug=REGION).exists():
        make_plan_through_the_pages(page, assert_accessible, sign_in)
    goal = Goal.objects.get(plan__region__slug=REGION, number="3:2", target_group="för vuxna")
    indicator = goal.indicators.get(name=INDICATOR)
    plan_url = f"{PLANS_URL}{goal.plan_id}/"
    goal_url = f"{PLANS_URL}mal/{goal.pk}/"
    before = indicator.values.count()

    sign_in(page, ANALYST)
    assert_accessible(page)
    page.goto(PLANS_URL)
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    page.locator(f'main a[href="{plan_url}"]').click()
    page.wait_for_url(f"**{plan_url}")
    expect(page.locator("main h2")).to_have_count(6)  # five focus areas and the indicators
    assert_accessible(page)

    page.locator(f'main a[href="{goal_url}"]').first.click()
    page.wait_for_url(f"**{goal_url}")
    expect(page.locator("h1")).to_have_text(GOAL)
    chart = page.locator(f"#indicator-{indicator.pk} svg[role=img]")
    expect(chart).to_have_count(1 if before else 0)  # drawn from the first value on
    expect(page.locator(f"#indicator-{indicator.pk} tbody tr")).to_have_count(before)
    assert_accessible(page)

    page.locator(f'#indicator-{indicator.pk} a[href*="/indikatorer/{indicator.pk}/varde/"]').click()
    page.wait_for_url(re.compile(rf"/indikatorer/{indicator.pk}/varde/\?mal={goal.pk}$"))
    assert_accessible(page)

    # Without a source: refused next to the field, with what was typed kept.
    page.locator("#id_period").fill("2021-12-31")
    page.locator("#id_period_label").fill("2021")
    page.locator("#id_value").fill("63,5")
    submit(page)
    source_field = page.locator(".field--error", has=page.locator("#id_source"))
    expect(source_field.locator(".errorlist")).to_be_visible()
    expect(page.locator("#id_value")).to_have_value("63,5")
    expect(page.locator("#id_period_label")).to_have_value("2021")
    assert_accessible(page)
    assert indicator.values.count() == before

    page.locator("#id_source").fill("Enkät till vårdsamverkansområdena 2021")
    submit(page)
    page.wait_for_url(re.compile(rf"/mal/{goal.pk}/#indicator-{indicator.pk}$"))
    row = page.locator(f"#indicator-{indicator.pk} tbody tr").last
    expect(row).to_contain_text("2021")
    expect(row).to_contain_text("63,5")
    expect(row).to_contain_text("Enkät till vårdsamverkansområdena 2021")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline")).to_have_count(1)
    expect(chart.locator("circle")).to_have_count(before + 1)
    assert_accessible(page)
    assert indicator.values.count() == before + 1
