"""The pages issue 11 brought, in a real browser with axe-core: the population upload, the
use-of-funds proposal (adopted and in draft), a participant's edit and removal pages, the
correction of a decision, the report text and the preconditions (marked many at once)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pusselbit.accounts.models import User
from pusselbit.demo.initiatives import IDEAS
from pusselbit.funds.models import Agreement
from pusselbit.initiatives.models import Decision, Participant
from pusselbit.organisations.models import Region
from pusselbit.proposals.domain import create_proposal
from pusselbit.reporting.models import Requirement

pytestmark = pytest.mark.browser


def sign_in_as(page, sign_in, assert_accessible, username: str) -> None:
    """Sign in afresh (whoever was signed in before) and check the start page it lands on."""
    page.context.clear_cookies()
    sign_in(page, username)
    assert_accessible(page)


def visit(page, assert_accessible, url: str):
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


def test_population_upload_refuses_a_bad_file_next_to_the_field(
    page, demo, sign_in, assert_accessible, tmp_path
):
    sign_in_as(page, sign_in, assert_accessible, "vastra-gotaland-ekonom")
    visit(page, assert_accessible, reverse("funds:population", args=["vastra-gotaland"]))
    bad = tmp_path / "befolkning.csv"
    bad.write_text("kommunkod;population\n1480;många\n", encoding="utf-8")
    page.locator("input[type=date]").first.fill("2019-11-01")
    page.get_by_label("Källa").fill("SCB, folkmängd 1 november 2019")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.locator("main form").last.locator("button[type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("många")
    # What was typed is kept; the file is chosen again, as the help text says.
    expect(page.get_by_label("Källa")).to_have_value("SCB, folkmängd 1 november 2019")
    assert_accessible(page)


def test_proposal_pages(page, demo, sign_in, assert_accessible):
    sign_in_as(page, sign_in, assert_accessible, "dalarna-lanssamordnare")
    dalarna_2020 = Agreement.objects.get(name="ÖK 2020")
    visit(page, assert_accessible, reverse("proposals:detail", args=["dalarna", dalarna_2020.pk]))
    expect(page.locator("main a[href$='forslag.pdf']")).to_be_visible()

    coordinator = User.objects.get(username="vastra-gotaland-lanssamordnare")
    vg = Region.objects.get(slug="vastra-gotaland")
    draft = create_proposal(vg, Agreement.objects.get(name="ÖK 2019"), actor=coordinator)
    part = draft.directions.first()
    sign_in_as(page, sign_in, assert_accessible, coordinator.username)
    for url in (
        reverse("proposals:detail", args=["vastra-gotaland", draft.agreement_id]),
        reverse("proposals:edit", args=["vastra-gotaland", draft.agreement_id]),
        reverse("proposals:edit_direction", args=["vastra-gotaland", draft.agreement_id, part.pk]),
        reverse("proposals:adopt", args=["vastra-gotaland", draft.agreement_id]),
    ):
        visit(page, assert_accessible, url)


def test_participant_correction_and_reporting_pages(page, demo, sign_in, assert_accessible):
    # One of the demo's ideas (the library's past initiatives are closed to corrections).
    participant = (
        Participant.objects.filter(
            initiative__region__slug="dalarna", initiative__title__in=[idea[0] for idea in IDEAS]
        )
        .order_by("pk")
        .first()
    )
    initiative = participant.initiative
    sign_in_as(page, sign_in, assert_accessible, "dalarna-lanssamordnare")
    # Every participant is corrected (and removed) in its row of the participants page.
    visit(
        page,
        assert_accessible,
        reverse("initiatives:participants", args=["dalarna", initiative.pk]),
    )

    requirement = Requirement.objects.filter(region__slug="dalarna").first()
    visit(page, assert_accessible, reverse("reporting:narrative", args=["dalarna", requirement.pk]))
    visit(
        page,
        assert_accessible,
        reverse("reporting:preconditions", args=["dalarna", requirement.agreement_id]),
    )

    decision = Decision.objects.filter(initiative__region__slug="dalarna").first()
    sign_in_as(page, sign_in, assert_accessible, "dalarna-regiondirektor")
    visit(
        page,
        assert_accessible,
        reverse(
            "initiatives:correct_decision", args=["dalarna", decision.initiative_id, decision.pk]
        ),
    )
