"""The lists that stay short at national scale, in a real browser, checked by axe-core: the
county coordinator's start page with what waits for them, the paginated "waiting for you"
page, and a goal page where an initiative is found by a search, linked with its button, and a
refused link is told by the search field.

Elements are found by address, id and the demo's own data, so the catalogue may change."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.queries.initiatives import waiting_for
from pusselbit.plans.models import Goal
from tests.factories import initiative_copies

pytestmark = pytest.mark.browser

REGION = "vastra-gotaland"
COORDINATOR = f"{REGION}-lanssamordnare"
WAITING_URL = f"/regioner/{REGION}/vantar-pa-dig/"


def test_start_page_and_the_paginated_waiting_list(page, assert_accessible, sign_in, demo):
    coordinator = User.objects.get(username=COORDINATOR)
    initiative_copies(waiting_for(coordinator).first(), 60, "Väntande satsning")
    sign_in(page, COORDINATOR)
    page.goto("/")
    expect(page.locator(f'main a[href="{WAITING_URL}"]')).to_have_count(1)
    assert_accessible(page)

    page.locator(f'main a[href="{WAITING_URL}"]').click()
    page.wait_for_url(f"**{WAITING_URL}")
    expect(page.locator("main tbody tr")).to_have_count(50)
    current = page.locator("main nav.pagination [aria-current=page]")
    expect(current).to_have_count(1)
    assert_accessible(page)

    page.locator("main nav.pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"\?page=2$"))
    expect(page.locator("main nav.pagination [aria-current=page]")).to_contain_text("2")
    assert_accessible(page)


def test_coordinator_finds_and_links_an_initiative(page, assert_accessible, sign_in, demo):
    goal = Goal.objects.filter(plan__region__slug=REGION).first()
    initiative = (
        Initiative.objects.filter(region__slug=REGION).exclude(plan_goals=goal).order_by("pk")[0]
    )
    goal_url = f"/regioner/{REGION}/handlingsplaner/mal/{goal.pk}/"
    sign_in(page, COORDINATOR)
    assert_accessible(page)
    page.goto(goal_url)
    assert_accessible(page)

    page.locator("#id_sok").fill(initiative.title)
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?sok="))
    expect(page.locator("#id_sok")).to_have_value(initiative.title)
    assert_accessible(page)

    # Linked meanwhile, from another tab: the button is refused, told by the search field.
    goal.initiatives.add(initiative)
    page.locator(f'main input[name=initiative][value="{initiative.pk}"] + button').click()
    page.wait_for_load_state("load")
    expect(page.locator(".field--error", has=page.locator("#id_sok"))).to_be_visible()
    expect(page.locator(f'main input[name=initiative][value="{initiative.pk}"]')).to_have_count(0)
    assert_accessible(page)

    goal.initiatives.remove(initiative)
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()  # search again
    page.locator(f'main input[name=initiative][value="{initiative.pk}"] + button').click()
    page.wait_for_url(re.compile(r"#initiatives$"))
    linked = page.locator("main section[aria-labelledby=initiatives] tbody th")
    expect(linked.filter(has_text=initiative.title).first).to_be_visible()
    assert_accessible(page)
    assert goal.initiatives.filter(pk=initiative.pk).exists()
