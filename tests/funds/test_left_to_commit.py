"""One figure for what can still be committed of a share (issue 11, point 3): allocated, less
what decisions have committed, less what is spent outside commitments. The ledger, the account
page, the decision form and the domain's refusal agree on it.

And a correction keeps its money (point 4): the correction form starts from the decision it
corrects, and releasing the commitment is a choice of its own."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from pusselbit.funds import queries
from pusselbit.funds.domain import InsufficientFunds, commit_funds, report_spending
from pusselbit.funds.models import Commitment
from pusselbit.initiatives.models import Decision
from tests.funds.test_ledger import decide, kr, make_shares, row_cells, url
from tests.initiatives import conftest as initiative_fixtures
from tests.initiatives.helpers import TODAY, via

pytestmark = pytest.mark.django_db

workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative


def spend(share, people, amount, initiative=None):
    return report_spending(
        share,
        Decimal(amount),
        actor=people["finance_officer"],
        spent_on=TODAY,
        description="Utvecklingsinsatser enligt handlingsplanen",
        **({"initiative": initiative} if initiative else {}),
    )


def decision_url(initiative):
    transition = via(initiative, "genomforande", "approved")
    return reverse(
        "initiatives:decide", args=[initiative.region.slug, initiative.pk, transition.pk]
    )


def correction_url(decision):
    initiative = decision.initiative
    return reverse(
        "initiatives:correct_decision", args=[initiative.region.slug, initiative.pk, decision.pk]
    )


def option_label(html: str, share) -> str:
    match = re.search(rf'<option value="{share.pk}"[^>]*>(.*?)</option>', html, re.S)
    return match.group(1)


def input_value(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1)


# Point 3: one truth in the ledger


def test_spending_outside_commitments_is_not_offered_again(
    client, people, make_initiative, regional_org
):
    """Falun's case in small: spent without any commitment, then a decision asks for more than
    what remains. Refused next to the amount; ledger, account page and form show one figure."""
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    spend(share, people, "30000.00")
    left = kr("70000.00")
    initiative = make_initiative("beslut")
    client.force_login(people["regional_director"])

    form = client.get(decision_url(initiative)).content.decode()
    assert left in option_label(form, share)

    response = client.post(
        decision_url(initiative),
        {
            "registration_number": "RB 2026/10",
            "decided_on": TODAY.isoformat(),
            "budget": "80 000",
            "follow_up_plan": "Halvårsvis till styrgruppen.",
            "paid_from": share.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["committed_amount"]
    assert left in errors["committed_amount"][0] and kr("30000.00") in errors["committed_amount"][0]
    assert not Decision.objects.filter(initiative=initiative).exists()
    assert not Commitment.objects.exists()

    ledger = client.get(url("ledger", "blekinge")).content.decode()
    assert row_cells(ledger, share)[3] == left
    account = client.get(url("account", "blekinge", share.pk)).content.decode()
    assert f"<dt>Kvar att binda</dt><dd>{left}</dd>" in account
    assert queries.account(regional_org.region, share.pk).remaining == Decimal("70000.00")

    response = client.post(
        decision_url(initiative),
        {
            "registration_number": "RB 2026/10",
            "decided_on": TODAY.isoformat(),
            "budget": "70 000,00",
            "follow_up_plan": "Halvårsvis till styrgruppen.",
            "paid_from": share.pk,
        },
    )
    assert response.status_code == 302
    ledger = client.get(url("ledger", "blekinge")).content.decode()
    assert row_cells(ledger, share)[1:4] == [kr("70000.00"), kr("30000.00"), kr(0)]


def test_spending_for_an_initiative_stays_within_its_commitment(
    people, make_initiative, regional_org
):
    """Spending for an initiative whose decision committed the share is within commitments;
    spending for no initiative is outside them and lowers what can still be committed, and
    stays so when a later decision commits the rest."""
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    first = make_initiative("beslut", title="Först")
    decide(first, people, number="RB 1", budget="40000", share=share)
    spend(share, people, "30000.00", initiative=first)
    assert queries.account(regional_org.region, share.pk).remaining == Decimal("60000.00")
    spend(share, people, "10000.00")
    row = queries.account(regional_org.region, share.pk)
    assert (row.spent_outside_commitments, row.remaining) == (
        Decimal("10000.00"),
        Decimal("50000.00"),
    )

    second = decide(make_initiative("beslut", title="Sedan"), people, number="RB 2", budget="1")
    with pytest.raises(InsufficientFunds) as refused:
        commit_funds(
            second, share, Decimal("50000.01"), actor=people["regional_director"], year=2026
        )
    assert kr("50000.00") in " ".join(refused.value.messages)
    commit_funds(second, share, Decimal("50000.00"), actor=people["regional_director"], year=2026)
    assert queries.account(regional_org.region, share.pk).remaining == Decimal("0.00")

    with pytest.raises(InsufficientFunds):  # committed money is not spent outside commitments
        spend(share, people, "0.01")
    with pytest.raises(InsufficientFunds):  # nor beyond the initiative's own commitment
        spend(share, people, "10000.01", initiative=first)
    spend(share, people, "10000.00", initiative=first)
    assert queries.account(regional_org.region, share.pk).remaining == Decimal("0.00")


# Point 4: a correction keeps its money


@pytest.fixture
def committed(people, make_initiative, regional_org):
    """A decision whose budget of 1 150 872,72 kr is paid from a share of 2 000 000 kr."""
    (share,) = make_shares(regional_org.region, [(regional_org, "2000000.00")])
    return decide(
        make_initiative("beslut"), people, number="RB 2026/1", budget="1150872.72", share=share
    )


def correction(**fields):
    return {
        "registration_number": "RB 2026/2",
        "decided_on": TODAY.isoformat(),
        "follow_up_plan": "Halvårsvis till styrgruppen.",
        "rationale": "Budgeten var fel.",
        **fields,
    }


def test_correction_form_starts_from_the_decision_and_its_commitment(client, people, committed):
    share = committed.commitments.get().share
    client.force_login(people["regional_director"])
    html = client.get(correction_url(committed)).content.decode()
    assert re.search(rf'<option value="{share.pk}"[^>]*selected', html)
    assert input_value(html, "budget") == "1 150 872,72"
    assert input_value(html, "committed_amount") == "1 150 872,72"
    assert 'name="release_commitment"' in html
    assert 'name="release_commitment" checked' not in html


def test_correction_changing_only_the_budget_keeps_the_commitment(client, people, committed):
    """The form sent as it opens, with only the budget changed: the commitment follows from the
    same funds; the old decision and its commitment stay as they were recorded."""
    old = committed.commitments.get()
    client.force_login(people["regional_director"])
    html = client.get(correction_url(committed)).content.decode()
    data = correction(
        budget="1 200 000,50",
        paid_from=str(old.share.pk),
        committed_amount=input_value(html, "committed_amount"),  # "1 150 872,72" parsed back
    )
    assert client.post(correction_url(committed), data).status_code == 302

    new = Decision.objects.get(replaces=committed)
    assert new.budget == Decimal("1200000.50")
    assert new.commitments.get().amount == Decimal("1150872.72")
    assert new.commitments.get().share == old.share
    kept = Commitment.objects.get(pk=old.pk)
    assert (kept.decision, kept.amount, kept.share) == (committed, old.amount, old.share)
    assert kept.released_by == new
    committed.refresh_from_db()
    assert committed.budget == Decimal("1150872.72")
    row = queries.account(old.share.allocation.funds.region, old.share.pk)
    assert row.committed == Decimal("1150872.72")


def test_an_empty_choice_of_funds_does_not_release_the_commitment(client, people, committed):
    """What the old form sent: no funds chosen, the budget changed. Now refused next to the
    choice of funds, saying what the decision commits; nothing is recorded."""
    client.force_login(people["regional_director"])
    response = client.post(correction_url(committed), correction(budget="1 000 000", paid_from=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["paid_from"]
    assert kr("1150872.72") in errors["paid_from"][0]
    assert not Decision.objects.filter(replaces=committed).exists()
    assert committed.commitments.get().released_by is None


def test_releasing_the_commitment_is_a_deliberate_choice(client, people, committed):
    old = committed.commitments.get()
    client.force_login(people["regional_director"])

    both = correction(budget="0", paid_from=str(old.share.pk), release_commitment="on")
    response = client.post(correction_url(committed), both)
    assert list(response.context["form"].errors) == ["release_commitment"]

    released = correction(budget="0", paid_from="", release_commitment="on")
    response = client.post(correction_url(committed), released, follow=True)
    html = response.content.decode()
    assert "Bindningen är släppt" in html and kr("1150872.72") in html

    new = Decision.objects.get(replaces=committed)
    assert not new.commitments.exists()
    kept = Commitment.objects.get(pk=old.pk)
    assert (kept.decision, kept.amount, kept.released_by) == (committed, old.amount, new)
    row = queries.account(old.share.allocation.funds.region, old.share.pk)
    assert (row.committed, row.remaining) == (Decimal("0.00"), Decimal("2000000.00"))


def test_correction_form_keeps_what_was_typed_in_swedish_format(client, people, committed):
    old = committed.commitments.get()
    client.force_login(people["regional_director"])
    data = correction(
        budget="3 000 000,00",
        paid_from=str(old.share.pk),
        committed_amount="2\xa0000\xa0000,01",
    )
    response = client.post(correction_url(committed), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert list(response.context["form"].errors) == ["committed_amount"]
    assert input_value(html, "budget") == "3 000 000,00"
    assert committed.commitments.get().released_by is None


def test_a_recorded_commitment_is_never_edited_nor_deleted(people, committed):
    from django.core.exceptions import ValidationError

    commitment = committed.commitments.get()
    commitment.amount = Decimal("1")
    with pytest.raises(ValidationError):
        commitment.save()
    with pytest.raises(ValidationError):
        commitment.save(update_fields=["amount"])
    with pytest.raises(ValidationError):
        commitment.delete()
    assert Commitment.objects.get(pk=commitment.pk).amount == Decimal("1150872.72")


def test_account_page_reports_spending_for_the_committing_initiative(
    client, people, make_initiative, regional_org
):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    initiative = make_initiative("beslut")
    decide(initiative, people, number="RB 1", budget="100000", share=share)
    client.force_login(people["finance_officer"])
    spending = {"amount": "10 000", "spent_on": "2026-11-01", "description": "Handledning"}

    response = client.post(url("account", "blekinge", share.pk), spending)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["amount"]
    assert "inget beslut har bundit" in response.context["form"].errors["amount"][0]

    response = client.post(
        url("account", "blekinge", share.pk), {**spending, "initiative": initiative.pk}
    )
    assert response.status_code == 302
    assert share.spendings.get().initiative == initiative
    row = queries.account(regional_org.region, share.pk)
    assert (row.spent, row.spent_outside_commitments, row.remaining) == (
        Decimal("10000.00"),
        Decimal("0"),
        Decimal("0.00"),
    )
