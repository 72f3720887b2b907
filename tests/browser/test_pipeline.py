"""The pipeline in a real browser: the by-stage overview, a stage's paged list and a search, each
checked by axe-core (headings per stage, links that name their stage, labelled pagination)."""

import re

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.search.index import refresh_many
from pusselbit.organisations.models import Region

pytestmark = pytest.mark.browser

PIPELINE = "/regioner/blekinge/satsningar/"


def test_county_coordinator_pages_through_a_stage(page, demo, sign_in, assert_accessible):
    region = Region.objects.get(slug="blekinge")
    first = region.workflow.stages.order_by("order").first()
    owner = User.objects.get(username="blekinge-initiativtagare")
    organisation = owner.memberships.first().organisation
    Initiative.objects.bulk_create(
        Initiative(
            region=region,
            workflow=region.workflow,
            stage=first,
            owner=owner,
            organisation=organisation,
            title=f"Mobilt team {n}",
        )
        for n in range(60)
    )
    # Made in bulk, around the domain functions that index what they write.
    refresh_many(Initiative.objects.filter(region=region).values_list("pk", flat=True))
    total = Initiative.objects.filter(region=region, stage=first).count()
    sign_in(page, "blekinge-lanssamordnare")
    assert_accessible(page)

    page.goto(PIPELINE)
    main = page.locator("main")
    heading = main.get_by_role("heading", level=2, name=re.compile(first.display_name))
    expect(heading).to_be_visible()
    assert_accessible(page)

    main.get_by_role("link", name=f"Visa alla {total} i {first.display_name}").click()
    page.wait_for_url(f"**{PIPELINE}?stage={first.pk}")
    expect(main.locator("section > ul > li")).to_have_count(50)
    pages = page.get_by_role("navigation", name=f"Sidor med satsningarna i {first.display_name}")
    expect(pages.locator('[aria-current="page"]')).to_have_text(re.compile("1$"))
    assert_accessible(page)

    pages.get_by_role("link", name="Nästa sida").click()
    page.wait_for_url(f"**{PIPELINE}?stage={first.pk}&page=2")
    expect(main.locator("section > ul > li")).to_have_count(total - 50)
    assert_accessible(page)

    page.get_by_label("Sök").fill("mobilt")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_url(re.compile(r"q=mobilt"))
    expect(page.get_by_role("status")).to_contain_text("60 satsningar")
    assert_accessible(page)
