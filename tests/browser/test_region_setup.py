"""Issue 14, item 5, in a real browser: Blekinge runs itself. Its administrator gives a role and
adds a civil-society organisation with an operation area, its finance officer records an
agreement year's funds (the page read at 320 px too) and reaches the population page, and its
county coordinator seats someone in LSVO and removes them again. Every page is checked by
axe-core."""

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import Membership, User
from pusselbit.funds.models import RegionFunds
from pusselbit.organisations.models import Organisation

pytestmark = pytest.mark.browser

HUB = "/regioner/blekinge/administration/"


def submit(page, form="main form[method=post]"):
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state("load")


def open_section(page, assert_accessible, title: str) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Regionadministration"
    ).click()
    page.wait_for_url(f"**{HUB}")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name=title).click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def test_region_runs_itself(page, assert_accessible, sign_in, demo):
    initiator = User.objects.get(username="blekinge-initiativtagare")

    # The region administrator: members and roles.
    sign_in(page, "blekinge-administrator")
    assert_accessible(page)
    open_section(page, assert_accessible, "Medlemmar och roller")
    page.select_option("#id_role", "initiator")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator(f'a[href$="/konton/{initiator.pk}/"]').click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text(str(initiator))
    assert_accessible(page)
    page.select_option("#id_organisation", label="Region Blekinge")
    page.select_option("#id_role", "analyst")
    submit(page, "main form.form:has(#id_role)")
    expect(page.locator(".message--success")).to_contain_text("analytiker")
    assert_accessible(page)
    assert initiator.memberships.filter(role="analyst").exists()

    # The region administrator: a civil-society organisation, first without its type.
    open_section(page, assert_accessible, "Organisationer och verksamhetsområden")
    page.locator("main").get_by_role("link", name="Ny civilsamhällesorganisation").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#id_name").fill("Fontänhuset Karlskrona")
    submit(page)
    type_field = page.locator(".field--error", has=page.locator("#id_civil_society_type"))
    expect(type_field.locator(".errorlist")).to_contain_text("Välj vilken typ")
    expect(page.locator("#id_name")).to_have_value("Fontänhuset Karlskrona")
    assert_accessible(page)
    page.select_option("#id_civil_society_type", "association")
    submit(page)
    expect(page.locator("h1")).to_have_text("Fontänhuset Karlskrona")
    assert_accessible(page)
    page.locator("#id_area-name").fill("Arbetsträning")
    submit(page, "main form:has(#id_area-name)")
    expect(page.locator("main")).to_contain_text("Arbetsträning")
    assert_accessible(page)
    fontanhuset = Organisation.objects.get(name="Fontänhuset Karlskrona")
    assert fontanhuset.civil_society_type == "association"
    assert fontanhuset.operation_areas.filter(name="Arbetsträning").exists()

    # The finance officer: an agreement year's funds, to the öre.
    sign_in(page, "blekinge-ekonom")
    assert_accessible(page)
    open_section(page, assert_accessible, "Avtalsmedel")
    page.locator("#id_ar").fill("2026")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#id_use_by").fill("2027-06-30")
    page.locator("#id_amount_suicidprevention").fill("1 234 567,89")
    submit(page)
    expect(page.locator(".message--success")).to_contain_text("2026")
    expect(page.locator("main")).to_contain_text("1 234 567,89")
    assert_accessible(page)
    funds = RegionFunds.objects.get(region__slug="blekinge", agreement__year=2026)
    assert str(funds.amount) == "1234567.89"
    # The same page reflows at 320 px: nothing to scroll sideways, and still accessible.
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_section(page, assert_accessible, "Befolkningssiffror")

    # The county coordinator: LSVO's members.
    sign_in(page, "blekinge-lanssamordnare")
    assert_accessible(page)
    open_section(page, assert_accessible, "Mötesorgan")
    page.select_option("#id_user", str(initiator.pk))
    page.select_option("#id_role", "lsvo_member")
    page.select_option("#id_organisation", label="Region Blekinge")
    submit(page, "main form.form:has(#id_user)")
    expect(page.locator(".message--success")).to_contain_text("LSVO")
    assert_accessible(page)
    seat = Membership.objects.get(user=initiator, role="lsvo_member")
    page.locator(f'form:has(input[name=membership][value="{seat.pk}"]) button').click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert not Membership.objects.filter(pk=seat.pk).exists()
