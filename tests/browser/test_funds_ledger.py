"""The money in a real browser: Dalarna's finance officer reads the ledger, opens an account,
reports spending (first too much, then what is left) and reads the requisitions; every page is
checked by axe-core. Elements are found by address, id and amount, so the catalogue may change."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from pusselbit.core.formatting import format_money
from pusselbit.funds.models import Share, Spending

pytestmark = pytest.mark.browser

LEDGER_URL = "/regioner/dalarna/medel/huvudbok/"
REQUISITIONS_URL = "/regioner/dalarna/medel/rekvisitioner/"


def kr(amount) -> str:
    return format_money(Decimal(amount), language="sv")


def test_finance_officer_reports_spending_from_the_ledger(page, assert_accessible, sign_in, demo):
    falun = Share.objects.get(
        allocation__funds__region__slug="dalarna",
        allocation__funds__direction__code="handlingsplaner",
        recipient__name="Falun",
    )
    account_url = f"/regioner/dalarna/medel/konto/{falun.pk}/"
    unspent = falun.amount - Decimal("812400.00")  # the demo's spending
    sign_in(page, "dalarna-ekonom")
    assert_accessible(page)

    page.goto(LEDGER_URL)
    expect(page.locator("h1")).to_have_count(1)
    row = page.locator("tr", has=page.locator(f'a[href="{account_url}"]'))
    expect(row).to_contain_text(kr("812400"))
    expect(row).to_contain_text(kr(unspent))
    assert_accessible(page)

    row.locator(f'a[href="{account_url}"]').click()
    page.wait_for_url(f"**{account_url}")
    expect(page.locator("h1")).to_contain_text("Falun")
    assert_accessible(page)

    # Too much: refused next to the amount, with what was typed kept.
    page.locator("#id_amount").fill("400 000")
    page.locator("#id_description").fill("Mobilt team, hösten")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state("load")
    amount_field = page.locator(".field--error", has=page.locator("#id_amount"))
    expect(amount_field.locator(".errorlist")).to_contain_text(kr(unspent))
    expect(page.locator("#id_amount")).to_have_value("400 000")
    expect(page.locator("#id_description")).to_have_value("Mobilt team, hösten")
    assert_accessible(page)
    assert Spending.objects.filter(share=falun).count() == 1

    # What is left: reported, and the account shows nothing unspent.
    page.locator("#id_amount").fill(f"{unspent}".replace(".", ","))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**{account_url}")
    expect(page.locator("main table").last).to_contain_text("Mobilt team, hösten")
    expect(page.locator("main dl")).to_contain_text(kr(0))
    assert_accessible(page)
    assert Spending.objects.filter(share=falun).count() == 2

    page.goto(REQUISITIONS_URL)
    payee = page.locator("main tbody th[scope=row]")
    expect(payee).to_have_text(["Region Dalarna"])
    expect(page.locator("main tbody tr")).to_contain_text(["SKR"])
    expect(page.locator("main tbody tr")).to_contain_text(["15"])  # the municipalities
    assert_accessible(page)

    page.locator(f'main a[href="{REQUISITIONS_URL}ny/"]').click()
    page.wait_for_url(f"**{REQUISITIONS_URL}ny/")
    expect(page.locator("#id_requisitioned_by")).to_be_visible()
    assert_accessible(page)
