"""Insyn, the public pages, as a citizen reads them: without signing in, Dalarna's decided
initiatives, one initiative, the money for ÖK 2020 with its chart and table, and the open data
page; in Swedish and then in English. Every page passes axe; one reflows at 320 px."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_citizen_reads_decided_initiatives_and_the_money_in_both_languages(
    page, demo, assert_accessible
):
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Insyn")).first.click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="beslutade satsningar i Region Dalarna").click()
    assert_accessible(page)
    first = page.locator("main .public-list h2 a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(title)
    assert_accessible(page)

    page.goto("/insyn/dalarna/medel/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("ÖK 2020")).first.click()
    expect(page.locator("main")).to_contain_text("ÖK 2020")
    expect(page.locator("main table").first).to_be_visible()
    expect(page.locator("main figure, main svg, main img").first).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Öppna data").first.click()
    expect(page.locator("h1")).to_have_text("Öppna data")
    assert_accessible(page)

    # The same in English, through the language switch in the header.
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Open data")
    assert_accessible(page)
    page.goto("/insyn/dalarna/satsningar/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.locator("main .public-list h2 a").first.click()
    assert_accessible(page)
    page.goto("/insyn/dalarna/medel/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("ÖK 2020")).first.click()
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)
