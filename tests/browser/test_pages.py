"""Pusselbit in a real browser: what a county coordinator sees, in Swedish and in English, with
every page checked by axe-core against WCAG 2.1 A and AA."""

import re

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.demo.builders import DEMO_REGIONS
from pusselbit.organisations.models import Region

pytestmark = pytest.mark.browser

LOGIN_URL = "/konto/logga-in/"


def t(language: str, message: str, **values) -> str:
    """`message` as the page shows it in `language`, from the same catalogue the server uses."""
    with translation.override(language):
        text = str(translation.gettext(message))
    return text % values if values else text


def expect_page(page, language: str, h1: str) -> None:
    """The page is in `language` (the lang attribute and the language button) with this h1."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(h1)
    other = "Svenska" if language == "en" else "English"
    expect(page.get_by_role("banner").get_by_role("button", name=other)).to_be_visible()


def expect_signed_in(page, language: str, user: User) -> None:
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text(t(language, "Signed in as %(name)s", name=user))
    expect(banner.get_by_role("button", name=t(language, "Sign out"))).to_be_visible()


def expect_signed_out(page, language: str) -> None:
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("button", name=t(language, "Sign out"))).to_have_count(0)
    expect(banner.get_by_role("link", name=t(language, "Sign in"), exact=True)).to_be_visible()


def visit_region_pages(page, assert_accessible, language, user, region, demo_region) -> None:
    """From the start page: the region's municipality list, a municipality, the statement."""
    start_h1 = t(language, "Welcome, %(name)s", name=user)
    list_h1 = t(language, "Municipalities in %(region)s", region=region.name)
    municipality_count = region.organisations.municipalities().count()

    expect_page(page, language, start_h1)
    expect_signed_in(page, language, user)
    card = page.locator("main").get_by_role("region", name=region.name)
    expect(card).to_contain_text(region.county_name)
    expect(card).to_contain_text(t(language, "Your roles"))
    assert_accessible(page)

    menu = page.get_by_role("navigation", name=t(language, "Main menu"))
    menu_link = t(language, "Municipalities")  # one region: the menu says just that
    menu.get_by_role("link", name=menu_link, exact=True).click()
    page.wait_for_url(f"**/regioner/{region.slug}/kommuner/")
    expect_page(page, language, list_h1)
    expect(menu.get_by_role("link", name=menu_link, exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(municipality_count)
    expect(
        table.get_by_role("columnheader", name=t(language, "Municipality"), exact=True)
    ).to_be_visible()
    assert_accessible(page)

    table.get_by_role("link", name=demo_region.municipality, exact=True).click()
    page.wait_for_url(re.compile(rf"/regioner/{region.slug}/organisationer/\d+/$"))
    expect_page(page, language, demo_region.municipality)
    main = page.locator("main")
    expect(main).to_contain_text(region.county_name)
    for area in demo_region.municipal_areas:
        expect(main.get_by_role("listitem").filter(has_text=area)).to_have_count(1)
    expect(main.get_by_role("link", name=list_h1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role(
        "link", name=t(language, "Accessibility statement")
    ).click()
    page.wait_for_url("**/tillganglighet/")
    expect_page(page, language, t(language, "Accessibility statement for Pusselbit"))
    expect(page.locator("main")).to_contain_text("WCAG 2.1")
    assert_accessible(page)


@pytest.mark.parametrize("demo_region", DEMO_REGIONS, ids=lambda d: d.slug)
def test_county_coordinator_pages_in_swedish_and_english(
    page, demo, sign_in_with_form, assert_accessible, demo_region
):
    region = Region.objects.get(slug=demo_region.slug)
    user = User.objects.get(username=f"{demo_region.slug}-lanssamordnare")

    # Swedish, the default; the two languages must differ for the switch to prove anything.
    assert t("sv", "Sign in to Pusselbit") != t("en", "Sign in to Pusselbit"), (
        "no Swedish catalogue: run `make messages`"
    )
    page.goto(LOGIN_URL)
    expect_page(page, "sv", t("sv", "Sign in to Pusselbit"))
    expect(page.get_by_label(t("sv", "Password"), exact=True)).to_be_visible()
    expect_signed_out(page, "sv")
    sign_in_with_form(page, user.username)
    expect(page).to_have_url(re.compile(r"/$"))
    visit_region_pages(page, assert_accessible, "sv", user, region, demo_region)

    # Switch to English with the keyboard, from the accessibility statement.
    page.get_by_role("banner").get_by_role("button", name="English").focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/tillganglighet/$"))
    expect_page(page, "en", t("en", "Accessibility statement for Pusselbit"))
    assert_accessible(page)

    page.get_by_role("navigation", name=t("en", "Main menu")).get_by_role(
        "link", name=t("en", "Start"), exact=True
    ).click()
    page.wait_for_url(re.compile(r"/$"))
    visit_region_pages(page, assert_accessible, "en", user, region, demo_region)

    # Signing out leads to the login page, still in English.
    page.get_by_role("banner").get_by_role("button", name=t("en", "Sign out")).click()
    page.wait_for_url(f"**{LOGIN_URL}")
    expect_page(page, "en", t("en", "Sign in to Pusselbit"))
    expect_signed_out(page, "en")
    assert_accessible(page)

    # And back to Swedish with a click.
    page.get_by_role("banner").get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect_page(page, "sv", t("sv", "Sign in to Pusselbit"))
    assert_accessible(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_failed_login_shows_error_summary_and_keeps_username(
    page, demo, assert_accessible, language
):
    page.goto(LOGIN_URL)
    assert_accessible(page)
    if language == "en":
        page.get_by_role("banner").get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(page)

    page.locator("#id_username").fill("blekinge-lanssamordnare")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main").get_by_role("button", name=t(language, "Sign in")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", level=2)).to_have_text(t(language, "There is a problem"))
    with translation.override(language):
        username_label = User._meta.get_field("username").verbose_name
        invalid_login = AuthenticationForm.error_messages["invalid_login"] % {
            "username": username_label
        }
    expect(summary).to_contain_text(str(invalid_login))
    expect(summary).to_be_focused()  # moved there by pusselbit.js, so errors are met first
    expect_page(page, language, t(language, "Sign in to Pusselbit"))
    expect(page).to_have_url(re.compile(rf"{LOGIN_URL}$"))
    expect(page.locator("#id_username")).to_have_value("blekinge-lanssamordnare")
    expect(page.locator("#id_password")).to_have_value("")
    expect_signed_out(page, language)
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page, demo, sign_in, assert_accessible
):
    skip_text = t("sv", "Skip to main content")

    for path in [LOGIN_URL, "/"]:
        if path == "/":
            sign_in(page, "blekinge-lanssamordnare")
        else:
            page.goto(path)
        assert_accessible(page)
        skip_link = page.get_by_role("link", name=skip_text)
        expect(skip_link).not_to_be_in_viewport()  # hidden until it gets focus

        page.keyboard.press("Tab")
        expect(skip_link).to_be_focused()
        expect(skip_link).to_be_in_viewport()
        expect(skip_link).to_have_text(skip_text)

        page.keyboard.press("Enter")
        expect(page.locator("main#main")).to_be_focused()
        expect(page).to_have_url(re.compile(r"#main$"))

        # The next Tab goes on from main, not back to the top of the page.
        page.keyboard.press("Tab")
        focused_in_main = page.evaluate(
            "document.querySelector('main').contains(document.activeElement)"
        )
        footer_focused = page.evaluate(
            "document.querySelector('footer').contains(document.activeElement)"
        )
        assert focused_in_main or footer_focused


def test_sign_out(page, demo, sign_in, assert_accessible):
    user = User.objects.get(username="dalarna-lanssamordnare")
    sign_in(page, user.username)
    expect_page(page, "sv", t("sv", "Welcome, %(name)s", name=user))
    expect_signed_in(page, "sv", user)
    assert_accessible(page)

    page.get_by_role("banner").get_by_role("button", name=t("sv", "Sign out")).click()
    page.wait_for_url(f"**{LOGIN_URL}")
    expect_page(page, "sv", t("sv", "Sign in to Pusselbit"))
    expect_signed_out(page, "sv")
    expect(page.get_by_role("banner")).not_to_contain_text(str(user))
    assert_accessible(page)

    # The start page now asks for a login again.
    page.goto("/")
    expect(page).to_have_url(re.compile(rf"{LOGIN_URL}\?next=/$"))
    expect_page(page, "sv", t("sv", "Sign in to Pusselbit"))
    assert_accessible(page)


def test_another_regions_municipalities_are_not_found(page, demo, sign_in, assert_accessible):
    blekinge = Region.objects.get(slug="blekinge")
    blekinge_municipalities = list(
        blekinge.organisations.municipalities().values_list("name", flat=True)
    )
    user = User.objects.get(username="dalarna-lanssamordnare")
    sign_in(page, user.username)
    assert_accessible(page)

    response = page.goto("/regioner/blekinge/kommuner/")
    assert response is not None and response.status == 404
    expect_page(page, "sv", t("sv", "Page not found"))
    expect_signed_in(page, "sv", user)
    main = page.locator("main")
    expect(main).not_to_contain_text(blekinge.name)
    for name in blekinge_municipalities:
        expect(main).not_to_contain_text(name)
    expect(main.get_by_role("link", name=t("sv", "Go to the start page"))).to_be_visible()
    assert_accessible(page)
