"""A decision taken in one tab and sent again from another: the second tab says what was decided,
keeps what was typed there, and passes axe."""

import datetime

import pytest
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.initiatives.domain import record_recommendation
from pusselbit.initiatives.models import Initiative

pytestmark = pytest.mark.browser


def test_a_decision_sent_from_a_second_tab_says_what_was_decided(
    page, demo, sign_in, assert_accessible
):
    waiting = Initiative.objects.get(region__slug="blekinge", stage__key="rekommendation")
    record_recommendation(
        waiting,
        waiting.stage.outgoing.get(outcome="recommend"),
        actor=User.objects.get(username="blekinge-lsvo"),
        rationale="Väl underbyggd.",
        meeting_date=datetime.date(2026, 11, 20),
    )
    sign_in(page, "blekinge-regiondirektor")
    assert_accessible(page)
    page.goto(f"/regioner/blekinge/satsningar/{waiting.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Bevilja").click()
    assert_accessible(page)
    second = page.context.new_page()
    second.goto(page.url)

    for tab, number, plan in [(page, "RB 2026/77", "Halvårsvis."), (second, "RB 2026/78", "Mitt")]:
        tab.get_by_label("Diarienummer").fill(number)
        tab.get_by_label("Beslutad budget (kr)").fill("650 000")
        tab.get_by_label("Uppföljningsplan").fill(plan)
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator("h1")).to_contain_text(waiting.title)
    assert_accessible(page)
    second.get_by_role("button", name="Registrera beslutet").click()

    alert = second.get_by_role("alert")
    expect(alert).to_contain_text("Inget registrerades: satsningen har redan gått vidare")
    expect(alert).to_contain_text("Beslut RB 2026/77: Beviljad")
    expect(second.get_by_label("Uppföljningsplan")).to_have_value("Mitt")
    expect(second.get_by_role("button", name="Registrera beslutet")).to_have_count(0)
    assert_accessible(second)
