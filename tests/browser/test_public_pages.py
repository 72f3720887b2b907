"""Insyn, the public pages, as a citizen reads them: without signing in, Dalarna's decided
initiatives, one initiative, the money for ÖK 2020 with its chart and table, and the open data
page; Västra Götaland's action plan with its indicator's chart and table, and the adopted
assignment documents; Dalarna's compiled county report once its county coordinator has
published it. In Swedish and then in English. Every page passes axe; two reflow at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.funds.test_allocation_pages import SEED_COUNTY_JOINT

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
    # The seed's figures (Fördelning ÖK 2020, Dalarna): the county-wide amounts and Vansbro's.
    money = page.locator("main").inner_text().replace("\xa0", " ")
    for amount in (*SEED_COUNTY_JOINT, "131 634,63"):
        assert amount in money, amount
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


def _reflows_at_320(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def _compiled_report(region: str = "dalarna"):
    """Dalarna's final report compiled (the task runs at once in the tests)."""
    from pusselbit.reporting.domain.compilations import request_compilation
    from pusselbit.reporting.models import Requirement

    return request_compilation(Requirement.objects.get(region__slug=region), actor=None)


def test_a_citizen_reads_the_action_plan_and_the_published_documents_in_both_languages(
    page, demo, sign_in, assert_accessible
):
    compilation = _compiled_report()
    # The county coordinator publishes the compiled report on its page.
    sign_in(page, "dalarna-lanssamordnare")
    assert_accessible(page)
    page.goto(f"/regioner/dalarna/redovisning/sammanstallning/korning/{compilation.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Publicera på insynssidorna").click()
    expect(page.locator("main .messages")).to_contain_text("är publicerad")
    assert_accessible(page)
    page.context.clear_cookies()

    # A citizen, not signed in, finds Västra Götaland's action plan from the start page.
    page.goto("/insyn/")
    assert_accessible(page)
    page.get_by_role("link", name="handlingsplaner i Västra Götalandsregionen").click()
    expect(page.locator("h1")).to_have_text("Handlingsplaner i Västra Götalandsregionen")
    assert_accessible(page)
    page.locator("main .public-list h2 a").first.click()
    expect(page.locator("h1")).to_contain_text("Länsgemensam handlingsplan")
    chart = page.locator("main figure.chart-figure").first
    expect(chart.locator("svg")).to_be_visible()
    expect(chart.locator("table")).to_contain_text("2019")
    expect(page.locator("main")).to_contain_text("Mål 3:2 för vuxna")
    assert_accessible(page)
    _reflows_at_320(page)

    # Its adopted assignment documents, each file with its type and size.
    page.get_by_role("navigation", name="Insyn i Västra Götalandsregionen").get_by_role(
        "link", name="Dokument och redovisningar"
    ).click()
    expect(page.locator("h1")).to_have_text(
        "Dokument och redovisningar från Västra Götalandsregionen"
    )
    pdf = page.get_by_role("link", name=re.compile(r"^PDF, \d+\s?kB – Statsbidrag"))
    expect(pdf).to_be_visible()
    assert_accessible(page)

    # Dalarna's published county report.
    page.goto("/insyn/dalarna/dokument/")
    expect(page.locator("main")).to_contain_text("Sammanställd redovisning för länet")
    expect(
        page.get_by_role("link", name=re.compile(r"^Excel \(\.xlsx\), \d+\s?kB"))
    ).to_be_visible()
    assert_accessible(page)
    _reflows_at_320(page)

    # The same in English.
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Documents and reports of Region Dalarna")
    expect(page.get_by_role("link", name=re.compile(r"^Word \(\.docx\), \d+\s?kB"))).to_be_visible()
    assert_accessible(page)
    page.goto("/insyn/vastra-gotaland/handlingsplan/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.locator("main .public-list h2 a").first.click()
    expect(page.locator("main")).to_contain_text("Goal 3:2 för vuxna")
    expect(page.locator("main figure.chart-figure svg").first).to_be_visible()
    expect(page.locator("main figure.chart-figure table").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Documents and reports").click()
    expect(page.locator("h1")).to_contain_text("Documents and reports of")
    assert_accessible(page)
