"""The ledger, the account pages and the requisitions: the amounts to the öre, commitments that
never exceed a share, spending that never exceeds it, and who may see and do what."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.audit import AuditEntry
from pusselbit.core.formatting import format_money
from pusselbit.demo import funds as demo_funds
from pusselbit.funds import queries
from pusselbit.funds.domain import (
    InsufficientFunds,
    allocate_funds,
    commit_funds,
    create_agreement,
    record_requisition,
    report_spending,
    set_region_funds,
)
from pusselbit.funds.models import Commitment, Requisition, Share, Spending
from pusselbit.initiatives import domain as initiatives
from pusselbit.initiatives.models import Decision
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory
from tests.initiatives import conftest as initiative_fixtures
from tests.initiatives.helpers import TODAY, via

pytestmark = pytest.mark.django_db

# The initiatives' fixtures: Blekinge with its workflow and one user per role.
workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative

FUTURE_USE_BY = datetime.date(2099, 12, 31)


def kr(amount) -> str:
    """An amount as the Swedish pages show it."""
    return format_money(Decimal(amount), language="sv")


def make_shares(
    region, amounts, *, name="ÖK T", year=2026, use_by=FUTURE_USE_BY, code="samsjuklighet"
):
    """An agreement whose funds for one direction are split, as typed, over `amounts`:
    [(organisation, "100000.00"), …]. Returns the shares in that order."""
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement(name, f"Överenskommelse {name}", year, use_by, actor=None)
    total = sum((Decimal(a) for _o, a in amounts), Decimal("0"))
    funds = set_region_funds(agreement, region, Direction.objects.get(code=code), total, actor=None)
    allocation = allocate_funds(funds, actor=None, key="manual", amounts=amounts)
    return [allocation.shares.get(recipient=organisation) for organisation, _a in amounts]


def decide(initiative, people, *, number, budget, share=None, amount=None):
    return initiatives.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number=number,
        budget=Decimal(budget),
        follow_up_plan="Halvårsvis till styrgruppen.",
        paid_from=share,
        committed_amount=None if amount is None else Decimal(amount),
    )


def url(name, region_slug, *args):
    return reverse(f"funds:{name}", args=[region_slug, *args])


def row_cells(html: str, share: Share) -> list[str]:
    """The amounts in the ledger row that links to the share's account page."""
    link = url("account", share.allocation.funds.region.slug, share.pk)
    at = html.index(f'href="{link}"')
    row = html[html.rindex("<tr", 0, at) : html.index("</tr>", at)]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells(row)]


def cells(html: str) -> list[str]:
    return re.findall(r'<td class="numeric">(.*?)</td>', html, re.S)


# The demo: Dalarna's ÖK 2020 to the öre


def test_demo_dalarna_ledger_shows_commitment_and_spending_to_the_ore(client, demo_once):
    client.force_login(User.objects.get(username="dalarna-ekonom"))
    html = client.get(url("ledger", "dalarna")).content.decode()

    # Region Dalarna's suicide-prevention share: the demo decision committed 650 000 kr of it.
    suicide = Share.objects.get(
        allocation__funds__region__slug="dalarna",
        allocation__funds__direction__code="suicidprevention",
    )
    allocated = Decimal(demo_funds.DALARNA_COUNTY_JOINT["suicidprevention"])
    committed = Decimal("650000.00")
    assert row_cells(html, suicide) == [
        kr(allocated),
        kr(committed),
        kr(0),
        kr(allocated - committed),  # remaining: 4 927 707,31 kr
        kr(allocated),  # unspent
        kr(allocated),  # to repay: ÖK 2020's funds were to be used by 31 December 2020
    ]

    # Falun's share for the action plans: 812 400 kr spent.
    falun = Share.objects.get(
        allocation__funds__region__slug="dalarna",
        allocation__funds__direction__code="handlingsplaner",
        recipient__name="Falun",
    )
    falun_allocated = Decimal(
        next(row[1] for row in demo_funds.DALARNA_MUNICIPAL if row[0] == "Falun")
    )
    spent = Decimal("812400.00")
    assert row_cells(html, falun) == [
        kr(falun_allocated),
        kr(0),
        kr(spent),
        kr(falun_allocated - spent),  # left to commit: the spending was committed by no decision
        kr(falun_allocated - spent),  # 338 472,72 kr
        kr(falun_allocated - spent),
    ]

    # The agreement's totals: everything the seed gives Dalarna.
    total = sum(map(Decimal, demo_funds.DALARNA_COUNTY_JOINT.values())) + sum(
        Decimal(row[1]) + Decimal(row[2]) for row in demo_funds.DALARNA_MUNICIPAL
    )
    assert total == Decimal("26538800.19")
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells(foot)] == [
        kr(total),
        kr(committed),
        kr(spent),
        kr(total - committed - spent),  # Falun's spending is outside any commitment
        kr(total - spent),
        kr(total - spent),
    ]

    # The account page names the decision and links its initiative.
    decision = Commitment.objects.get(share=suicide).decision
    html = client.get(url("account", "dalarna", suicide.pk)).content.decode()
    initiative_url = f"/regioner/dalarna/satsningar/{decision.initiative.pk}/"
    assert decision.registration_number in html
    assert f'href="{initiative_url}">{decision.initiative.title}</a>' in html
    assert kr(committed) in html and kr(allocated - committed) in html


def test_ledger_shows_dash_and_due_date_before_use_by(client, people, regional_org, karlskrona):
    share, _other = make_shares(
        regional_org.region, [(regional_org, "100000.00"), (karlskrona, "50000.00")]
    )
    client.force_login(people["analyst"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    to_repay = row_cells(html, share)[-1]
    assert to_repay.startswith("–") and "2100-01-01" in to_repay
    assert kr("100000.00") in row_cells(html, share)[0]


def test_ledger_filters_by_agreement(client, people, regional_org):
    (old,) = make_shares(
        regional_org.region, [(regional_org, "1000.00")], name="ÖK 2019", year=2019
    )
    (new,) = make_shares(
        regional_org.region, [(regional_org, "2000.00")], name="ÖK 2020", year=2020
    )
    client.force_login(people["analyst"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    assert html.index("ÖK 2020") < html.index("ÖK 2019")
    agreement = new.allocation.funds.agreement
    html = client.get(url("ledger", "blekinge"), {"avtal": agreement.pk}).content.decode()
    assert url("account", "blekinge", new.pk) in html
    assert url("account", "blekinge", old.pk) not in html


# Commitments through decisions


def test_decision_asking_more_than_remains_is_refused_and_nothing_recorded(
    people, make_initiative, regional_org
):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    decide(
        make_initiative("beslut", title="Först"), people, number="RB 1", budget="60000", share=share
    )
    initiative = make_initiative("beslut", title="Sedan")
    decisions, commitments = Decision.objects.count(), Commitment.objects.count()
    audit_entries = AuditEntry.objects.count()

    with pytest.raises(InsufficientFunds) as refused:
        decide(initiative, people, number="RB 2", budget="50000.50", share=share)

    message = " ".join(refused.value.messages)
    assert kr("50000.50") in message  # asked for
    assert kr("40000.00") in message  # left
    assert Decision.objects.count() == decisions and Commitment.objects.count() == commitments
    assert not Decision.objects.filter(registration_number="RB 2").exists()
    assert AuditEntry.objects.count() == audit_entries
    initiative.refresh_from_db()
    assert initiative.stage.key == "beslut"
    assert queries.account(regional_org.region, share.pk).remaining == Decimal("40000.00")


def test_decision_commits_exactly_what_remains(people, make_initiative, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    decide(make_initiative("beslut"), people, number="RB 1", budget="100000.00", share=share)
    row = queries.account(regional_org.region, share.pk)
    assert (row.committed, row.remaining) == (Decimal("100000.00"), Decimal("0.00"))


def test_correction_releases_and_recommits(client, people, make_initiative, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    initiative = make_initiative("beslut")
    decision = decide(initiative, people, number="RB 2026/1", budget="60000", share=share)

    same = initiatives.correct_decision(
        decision,
        actor=people["regional_director"],
        reason="Fel datum",
        decided_on=TODAY,
        registration_number="RB 2026/2",
        budget=Decimal("60000"),
        follow_up_plan="Halvårsvis.",
    )
    old = Commitment.objects.get(decision=decision)
    assert old.released_by == same
    assert Commitment.objects.get(decision=same).amount == Decimal("60000.00")
    assert queries.account(regional_org.region, share.pk).committed == Decimal("60000.00")

    larger = initiatives.correct_decision(
        same,
        actor=people["regional_director"],
        reason="Större budget",
        decided_on=TODAY,
        registration_number="RB 2026/3",
        budget=Decimal("95000.50"),
        follow_up_plan="Halvårsvis.",
        paid_from=share,
    )
    assert Commitment.objects.get(decision=same).released_by == larger
    row = queries.account(regional_org.region, share.pk)
    assert (row.committed, row.remaining) == (Decimal("95000.50"), Decimal("4999.50"))
    assert Commitment.objects.filter(share=share).count() == 3  # released, never deleted

    client.force_login(people["finance_officer"])
    html = client.get(url("account", "blekinge", share.pk)).content.decode()
    released_row = html[html.index("RB 2026/1") : html.index("</tr>", html.index("RB 2026/1"))]
    assert "RB 2026/2" in released_row
    assert kr("95000.50") in html


def test_correction_that_asks_too_much_keeps_the_old_commitment(
    people, make_initiative, regional_org
):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    decision = decide(make_initiative("beslut"), people, number="RB 1", budget="60000", share=share)
    with pytest.raises(InsufficientFunds):
        initiatives.correct_decision(
            decision,
            actor=people["regional_director"],
            reason="För mycket",
            decided_on=TODAY,
            registration_number="RB 2",
            budget=Decimal("100000.01"),
            follow_up_plan="Halvårsvis.",
            paid_from=share,
        )
    commitment = Commitment.objects.get()
    assert commitment.decision == decision and commitment.released_by is None
    assert Decision.objects.count() == 1


# Spending


def test_spending_through_the_account_page(client, people, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    client.force_login(people["finance_officer"])
    response = client.post(
        url("account", "blekinge", share.pk),
        {"amount": "25 000,50", "spent_on": "2026-11-01", "description": "Utbildningsdag"},
    )
    assert response.status_code == 302 and response.url == url("account", "blekinge", share.pk)
    spending = Spending.objects.get()
    assert (spending.share, spending.amount, spending.reported_by) == (
        share,
        Decimal("25000.50"),
        people["finance_officer"],
    )
    html = client.get(response.url).content.decode()
    assert "Utbildningsdag" in html and kr("74999.50") in html


def test_spending_beyond_the_unspent_is_refused_next_to_the_amount(client, people, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    report_spending(
        share,
        Decimal("90000"),
        actor=people["finance_officer"],
        spent_on=TODAY,
        description="Tidigare",
    )
    client.force_login(people["county_coordinator"])
    response = client.post(
        url("account", "blekinge", share.pk),
        {"amount": "10 000,01", "spent_on": "2026-11-01", "description": "Handledning"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Spending.objects.count() == 1
    amount_field = html[
        html.index('<div class="field field--error">') : html.index('id="id_amount"')
    ]
    assert 'for="id_amount"' in amount_field
    assert kr("10000.01") in amount_field and kr("10000.00") in amount_field
    assert 'value="10 000,01"' in html and 'value="Handledning"' in html  # what was typed
    assert 'href="#id_amount"' in html  # the error summary leads to the field


def test_spending_beyond_the_unspent_is_refused_by_the_domain(people, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "1000.00")])
    with pytest.raises(InsufficientFunds):
        report_spending(
            share,
            Decimal("1000.01"),
            actor=people["finance_officer"],
            spent_on=TODAY,
            description="x",
        )
    assert not Spending.objects.exists()


# Requisitions


def test_requisition_form_records_payee_and_beneficiaries(client, people, blekinge, karlskrona):
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK 2020", "Överenskommelse 2020", 2020, FUTURE_USE_BY, actor=None)
    association = OrganisationFactory(
        region=blekinge, kind="association", name="Förbundet", code=""
    )
    ronneby = OrganisationFactory(region=blekinge, name="Ronneby", code="1081")
    OrganisationFactory(region=blekinge, name="Olofström", code="1060")  # not a beneficiary
    directions = list(Direction.objects.filter(code__in=["handlingsplaner", "suicidprevention"]))
    client.force_login(people["finance_officer"])
    form = client.get(url("requisition_create", "blekinge")).content.decode()
    assert "Förbundet" in form and "Ronneby" in form

    response = client.post(
        url("requisition_create", "blekinge"),
        {
            "agreement": agreement.pk,
            "directions": [d.pk for d in directions],
            "requisitioned_by": association.pk,
            "requisitioned_from": "SKR",
            "on_behalf_of": [karlskrona.pk, ronneby.pk],
            "amount": "1 000 000,00",
            "requisitioned_on": "2020-06-15",
            "registration_number": "FB 2020/7",
            "note": "För medlemskommunerna.",
        },
    )
    assert response.status_code == 302 and response.url == url("requisitions", "blekinge")
    requisition = Requisition.objects.get()
    assert requisition.region == blekinge and requisition.agreement == agreement
    assert requisition.requisitioned_by == association
    assert set(requisition.on_behalf_of.all()) == {karlskrona, ronneby}
    assert set(requisition.directions.all()) == set(directions)
    assert requisition.amount == Decimal("1000000.00")
    assert requisition.requisitioned_on == datetime.date(2020, 6, 15)
    assert requisition.recorded_by == people["finance_officer"]

    html = client.get(response.url).content.decode()
    row = html[html.index("FB 2020/7") - 2000 : html.index("FB 2020/7")]
    row = row[row.rindex("<tr") :]
    assert '<th scope="row">Förbundet</th>' in row  # the payee
    assert "<td>SKR</td>" in row
    assert "Karlskrona, Ronneby" in row  # the beneficiaries
    assert kr("1000000") in row


def test_requisition_form_keeps_what_was_typed_and_refuses_other_regions_payee(
    client, people, dalarna
):
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK 2020", "Överenskommelse 2020", 2020, FUTURE_USE_BY, actor=None)
    falun = OrganisationFactory(region=dalarna, name="Falun", code="2080")
    client.force_login(people["finance_officer"])
    response = client.post(
        url("requisition_create", "blekinge"),
        {
            "agreement": agreement.pk,
            "requisitioned_by": falun.pk,
            "requisitioned_from": "VästKom",
            "amount": "mycket",
            "requisitioned_on": "2020-06-15",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Requisition.objects.exists()
    assert 'href="#id_requisitioned_by"' in html and 'href="#id_amount"' in html
    assert 'href="#id_directions_0"' in html or 'href="#id_directions"' in html
    assert 'value="VästKom"' in html and 'value="mycket"' in html


def test_payee_may_be_a_member_of_the_regions_association_from_another_county(
    client, people, blekinge
):
    """Kungsbacka (Halland) belongs to GR in Västra Götaland; here: a Kalmar municipality in a
    Blekinge association."""
    kalmar = RegionFactory(code="08", name="Region Kalmar län", slug="kalmar")
    association = OrganisationFactory(
        region=blekinge, kind="association", name="Förbundet", code=""
    )
    torsas = OrganisationFactory(region=kalmar, name="Torsås", code="0834")
    association.member_links.create(member=torsas)
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK 2020", "Överenskommelse 2020", 2020, FUTURE_USE_BY, actor=None)
    client.force_login(people["finance_officer"])
    response = client.post(
        url("requisition_create", "blekinge"),
        {
            "agreement": agreement.pk,
            "directions": [Direction.objects.get(code="handlingsplaner").pk],
            "requisitioned_by": torsas.pk,
            "requisitioned_from": "Förbundet",
            "on_behalf_of": [torsas.pk],
            "amount": "5000",
            "requisitioned_on": "2020-06-15",
        },
    )
    assert response.status_code == 302
    assert Requisition.objects.get().requisitioned_by == torsas


def requisition_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.rindex("</tbody>")]
    return [
        re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in body.split("<tr>")[1:]
    ]


def test_demo_requisitions_show_payee_and_beneficiaries(client, demo_once):
    client.force_login(User.objects.get(username="dalarna-ekonom"))
    (dalarna,) = requisition_rows(client.get(url("requisitions", "dalarna")).content.decode())
    # Region Dalarna requisitioned all of Dalarna's funds from SKR, for itself and all
    # fifteen municipalities.
    assert dalarna.startswith("2020-06-15 Region Dalarna SKR Region Dalarna")
    assert " 15 " in dalarna and kr("26538800.19") in dalarna

    client.force_login(User.objects.get(username="vastra-gotaland-ekonom"))
    html = client.get(url("requisitions", "vastra-gotaland")).content.decode()
    vastkom, *parts = requisition_rows(html)
    # VästKom requisitioned from SKR for the region and the four associations …
    assert vastkom.startswith("2019-12-10 VästKom SKR")
    for name in [
        "Fyrbodals kommunalförbund",
        "Göteborgsregionens kommunalförbund (GR)",
        "Skaraborgs kommunalförbund",
        "Västra Götalandsregionen",
    ]:
        assert name in vastkom
    assert kr("2000000") in vastkom
    # … and each of them requisitioned its part from VästKom.
    assert len(parts) == 5
    assert all(" VästKom " in part and part.startswith("2020-02-01") for part in parts)
    gr = next(part for part in parts if "(GR)" in part)
    assert kr("554579") in gr  # the seed's amount (0,580 kr/inv. per 1/11–19)


# Who sees what


@pytest.fixture
def blekinge_share(regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    return share


def pages(share):
    return [
        url("ledger", "blekinge"),
        url("account", "blekinge", share.pk),
        url("requisitions", "blekinge"),
        url("requisition_create", "blekinge"),
    ]


def test_anonymous_is_sent_to_sign_in(client, blekinge_share):
    for page in pages(blekinge_share):
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith("/konto/logga-in/")


def test_other_regions_user_gets_404(client, blekinge_share, charlie):
    client.force_login(charlie)
    for page in pages(blekinge_share):
        assert client.get(page).status_code == 404, page
    response = client.post(
        url("account", "blekinge", blekinge_share.pk),
        {"amount": "1", "spent_on": "2026-01-01", "description": "x"},
    )
    assert response.status_code == 404 and not Spending.objects.exists()


def test_another_regions_share_is_404_under_ones_own_region(client, blekinge_share, dalarna):
    """Even for someone in both regions: a share is only found under its own region."""
    (dalarna_share,) = make_shares(
        dalarna, [(dalarna.organisations.get(kind="region"), "5000.00")], name="ÖK D"
    )
    both = MembershipFactory(region=dalarna, role="finance_officer").user
    MembershipFactory(
        region=blekinge_share.allocation.funds.region, role="finance_officer", user=both
    )
    client.force_login(both)
    assert client.get(url("account", "blekinge", dalarna_share.pk)).status_code == 404
    assert client.get(url("account", "dalarna", blekinge_share.pk)).status_code == 404
    response = client.post(
        url("account", "blekinge", dalarna_share.pk),
        {"amount": "1", "spent_on": "2026-01-01", "description": "x"},
    )
    assert response.status_code == 404 and not Spending.objects.exists()
    assert client.get(url("account", "dalarna", dalarna_share.pk)).status_code == 200


def test_colleague_reads_but_may_not_report_or_requisition(client, people, blekinge_share):
    client.force_login(people["initiator"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    assert url("account", "blekinge", blekinge_share.pk) in html
    assert url("requisition_create", "blekinge") not in html
    html = client.get(url("account", "blekinge", blekinge_share.pk)).content.decode()
    assert kr("100000.00") in html and 'name="amount"' not in html
    response = client.post(
        url("account", "blekinge", blekinge_share.pk),
        {"amount": "1", "spent_on": "2026-01-01", "description": "x"},
    )
    assert response.status_code == 403 and not Spending.objects.exists()
    assert client.get(url("requisitions", "blekinge")).status_code == 200
    assert client.get(url("requisition_create", "blekinge")).status_code == 403
    response = client.post(url("requisition_create", "blekinge"), {"requisitioned_from": "SKR"})
    assert response.status_code == 403 and not Requisition.objects.exists()


def test_finance_officer_sees_the_forms(client, people, blekinge_share):
    client.force_login(people["finance_officer"])
    html = client.get(url("account", "blekinge", blekinge_share.pk)).content.decode()
    assert 'name="amount"' in html
    html = client.get(url("ledger", "blekinge")).content.decode()
    assert url("requisition_create", "blekinge") in html
    assert (
        'name="requisitioned_by"'
        in client.get(url("requisition_create", "blekinge")).content.decode()
    )


# A fixed number of queries


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def committed_decision(initiative, people, share, number: int) -> Decision:
    decision = Decision.objects.create(
        initiative=initiative,
        stage=initiative.stage,
        outcome="approved",
        budget=Decimal("1000.00"),
        decided_on=TODAY,
        registration_number=f"RB 2026/{number}",
        recorded_by=people["regional_director"],
    )
    commit_funds(decision, share, Decimal("1000.00"), actor=None, year=2026)
    return decision


def test_ledger_query_count_same_for_1_and_50_committed_decisions(
    client, people, make_initiative, regional_org, karlskrona
):
    (share,) = make_shares(regional_org.region, [(regional_org, "1000000.00")])
    initiative = make_initiative("genomforande")
    committed_decision(initiative, people, share, 1)
    client.force_login(people["finance_officer"])
    ledger = url("ledger", "blekinge")
    one = count_queries(client, ledger)
    filtered = count_queries(client, f"{ledger}?avtal={share.allocation.funds.agreement.pk}")

    more = make_shares(
        regional_org.region,
        [(regional_org, "500000.00"), (karlskrona, "500000.00")],
        name="ÖK U",
        code="suicidprevention",
    )
    for n in range(2, 51):
        target = [share, *more][n % 3]
        committed_decision(
            make_initiative("genomforande", title=f"Satsning {n}"), people, target, n
        )
        report_spending(
            target, Decimal("10"), actor=None, spent_on=TODAY, description=f"Kostnad {n}"
        )
    assert Commitment.objects.count() == 50
    assert count_queries(client, ledger) == one
    assert (
        count_queries(client, f"{ledger}?avtal={share.allocation.funds.agreement.pk}") == filtered
    )


def test_account_query_count_same_for_1_and_50_commitments(
    client, people, make_initiative, regional_org
):
    (share,) = make_shares(regional_org.region, [(regional_org, "1000000.00")])
    committed_decision(make_initiative("genomforande"), people, share, 1)
    report_spending(share, Decimal("10"), actor=None, spent_on=TODAY, description="Kostnad")
    client.force_login(people["finance_officer"])
    account = url("account", "blekinge", share.pk)
    one = count_queries(client, account)
    for n in range(2, 51):
        decision = committed_decision(
            make_initiative("genomforande", title=f"Satsning {n}"), people, share, n
        )
        if n % 2:
            initiatives.correct_decision(
                decision,
                actor=people["regional_director"],
                reason="Rättelse",
                decided_on=TODAY,
                registration_number=f"RB 2026/{n}b",
                budget=Decimal("1000.00"),
            )
        report_spending(share, Decimal("10"), actor=None, spent_on=TODAY, description=f"K {n}")
    assert count_queries(client, account) == one


def test_requisitions_query_count_same_for_1_and_50(client, people, blekinge, karlskrona):
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK 2020", "Överenskommelse 2020", 2020, FUTURE_USE_BY, actor=None)
    regional = blekinge.organisations.get(kind="region")
    directions = list(Direction.objects.all()[:2])

    def requisition(n):
        record_requisition(
            agreement,
            blekinge,
            actor=people["finance_officer"],
            requisitioned_by=regional if n % 2 else karlskrona,
            requisitioned_from="SKR",
            amount=Decimal(n),
            requisitioned_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            directions=directions,
            on_behalf_of=[regional, karlskrona],
        )

    requisition(1)
    client.force_login(people["analyst"])
    one = count_queries(client, url("requisitions", "blekinge"))
    for n in range(2, 51):
        requisition(n)
    assert count_queries(client, url("requisitions", "blekinge")) == one


def test_funds_past_their_use_by_date_cannot_be_committed(people, make_initiative, regional_org):
    (share,) = make_shares(
        regional_org.region, [(regional_org, "1000000.00")], use_by=datetime.date(2020, 12, 31)
    )
    with pytest.raises(InsufficientFunds, match="2020-12-31"):
        committed_decision(make_initiative("genomforande"), people, share, 1)
    assert not Commitment.objects.exists()
