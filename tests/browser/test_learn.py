"""Lär av andra in a real browser, as a citizen reads it without signing in: from the public
start page to the search of every region's published initiatives, narrowed by region and
outcome, a hit's effect measure in its table; on a phone (320 px) and in English. Every page
passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_reflow import OVERFLOW
from tests.factories import RegionFactory, _direction
from tests.learning.test_learn_page import implemented, published, with_results

pytestmark = pytest.mark.browser


@pytest.fixture
def initiatives(transactional_db):
    """Committed, for the live server: a scaled-up initiative in Dalarna with its results, and
    one running in Blekinge."""
    dalarna = RegionFactory(code="20", name="Region Dalarna", slug="dalarna")
    blekinge = RegionFactory(code="10", name="Region Blekinge", slug="blekinge")
    scaled = with_results(
        implemented(
            dalarna,
            "Samtalsstöd inom en vecka för unga vuxna",
            "scale_up",
            idea="Unga vuxna som mår psykiskt dåligt får ett första samtal inom en vecka.",
            target_groups="Unga vuxna 18–25 år",
        )
    )
    scaled.directions.set([_direction("suicidprevention")])
    published(blekinge, "Kvalitetscafé om ensamhet bland äldre", target_groups="Äldre")


def test_a_citizen_learns_from_other_regions_with_filters_and_on_a_phone(
    page, initiatives, assert_accessible
):
    page.goto("/insyn/")
    assert_accessible(page)
    page.get_by_role("link", name="Sök i alla regioners publicerade satsningar").click()
    expect(page.locator("h1")).to_have_text("Lär av andra")
    expect(page.locator("main article")).to_have_count(2)
    assert_accessible(page)

    page.get_by_label("Region", exact=True).select_option(label="Region Dalarna")
    page.get_by_label("Utfall").select_option(label="Uppskalad")
    page.get_by_role("button", name="Sök", exact=True).click()
    hits = page.locator("main article")
    expect(hits).to_have_count(1)
    expect(hits.get_by_role("heading", level=2)).to_have_text(
        "Samtalsstöd inom en vecka för unga vuxna"
    )
    expect(page.get_by_label("Region", exact=True)).to_have_value("dalarna")  # kept
    table = hits.get_by_role("region", name="Väntetid till första samtal (Unga vuxna), dagar")
    expect(table.get_by_role("cell", name="21,5")).to_be_visible()
    expect(hits).to_contain_text("Skala upp till fler verksamheter")
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 800})
    found = page.evaluate(OVERFLOW)
    assert found["width"] <= 320 and not found["sticking_out"], found
    assert not found["unwrapped_tables"], found
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Learn from others")
    expect(page.locator("main article")).to_have_count(1)  # the filters are kept
    expect(page.locator("main article")).to_contain_text("Scale up to more operations")
    assert_accessible(page)
