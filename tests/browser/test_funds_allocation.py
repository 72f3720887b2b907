"""Region Dalarna's ÖK 2020 money in a real browser, as its finance officer meets it: the funds
overview, the agreement's tables and chart, the .xlsx download, and the allocation form with a
refused manual table and a reallocation by population. Every visited page is checked by
axe-core (WCAG 2.1 A and AA)."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from pusselbit.funds.models import RegionFunds, Share
from pusselbit.organisations.models import Region

pytestmark = pytest.mark.browser

FINANCE = "dalarna-ekonom"
OVERVIEW = "/regioner/dalarna/medel/"


def t(message: str, **values) -> str:
    """`message` in Swedish, from the same catalogue the server uses."""
    with translation.override("sv"):
        text = str(translation.gettext(message))
    return text % values if values else text


def test_finance_officer_reads_downloads_and_reallocates(
    page, demo, sign_in, assert_accessible, tmp_path
):
    region = Region.objects.get(slug="dalarna")
    care = RegionFunds.objects.get(region=region, direction__code="kunskapsbaserad-vard")
    sign_in(page, FINANCE)
    assert_accessible(page)

    # The overview: reached by its address (the main menu has no link yet).
    page.goto(OVERVIEW)
    expect(page.locator("h1")).to_have_text(t("Agreement funds in %(region)s", region=region.name))
    assert_accessible(page)

    main = page.locator("main")
    main.get_by_role("link", name="ÖK 2020", exact=True).click()
    page.wait_for_url(re.compile(r"/regioner/dalarna/medel/\d+/$"))
    expect(page.locator("h1")).to_have_text(
        t("%(agreement)s: funds for %(region)s", agreement="ÖK 2020", region=region.name)
    )
    county_joint = main.locator("table").first
    expect(county_joint).to_contain_text("7\xa0649\xa0410,97\xa0kr")
    expect(county_joint).to_contain_text("18\xa0172\xa0239\xa0kr")
    vansbro = main.locator("table").nth(1).get_by_role("row").filter(has_text="Vansbro")
    expect(vansbro).to_contain_text("197\xa0452\xa0kr")
    chart = main.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text(t("Municipal funds per recipient, rounded total"))
    assert_accessible(page)
    agreement_url = page.url

    # The .xlsx, through its link: real numbers, to the öre.
    with page.expect_download() as download_info:
        main.get_by_role("link", name=t("Download the tables as Excel (.xlsx)")).click()
    download = download_info.value
    assert download.suggested_filename == "medel-ok-2020-dalarna.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path)[t("Municipal funds")]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Vansbro")
    assert Decimal(str(row[1].value)).quantize(Decimal("0.01")) == Decimal("131634.63")
    assert row[3].number_format == '#,##0 "kr"' and row[3].value == 197452

    # The allocation form: a manual table 1 öre short is refused, what was typed stays.
    main.get_by_role(
        "link", name=t("Allocate %(direction)s", direction=care.direction.display_name)
    ).click()
    page.wait_for_url(f"**/regioner/dalarna/medel/fordelning/{care.pk}/")
    assert_accessible(page)
    page.locator("input[name=key][value=manual]").check()
    manual = page.locator("#id_manual")
    typed = manual.input_value().replace("Vansbro;65817,31", "Vansbro;65817,30")
    manual.fill(typed)
    page.locator("main form button[type=submit]").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("0,01\xa0kr")
    expect(page.locator("#id_manual")).to_have_value(typed)
    assert_accessible(page)

    # By population on 2019-12-31 over every municipality (the default recipients).
    page.locator("input[name=key][value=population]").check()
    page.locator("#id_reference_date").select_option("2019-12-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{agreement_url}#direction-{care.pk}")
    expect(page.locator(".messages")).to_be_visible()
    shares = Share.objects.filter(allocation__funds=care)
    assert shares.count() == 15
    assert sum(share.amount for share in shares) == care.amount
    falun = shares.get(recipient__name="Falun").amount
    falun_row = main.locator("table").nth(1).get_by_role("row").filter(has_text="Falun")
    expect(falun_row).to_contain_text(f"{falun:,.2f}".replace(",", "\xa0").replace(".", ","))
    assert_accessible(page)
