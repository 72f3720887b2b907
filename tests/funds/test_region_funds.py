"""Issue 14, item 5: the finance officer records the region's funds for an agreement year per
direction (to the öre, with the use-by date) in a page; no platform operator needed."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.agreements import reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.models import AuditEntry
from pusselbit.funds.domain import allocate_funds, record_agreement_year_funds
from pusselbit.funds.domain.region_funds import funds_fingerprint
from pusselbit.funds.models import Agreement, RegionFunds
from tests.factories import AgreementFactory, MembershipFactory, RegionFundsFactory

pytestmark = pytest.mark.django_db

USE_BY = datetime.date(2027, 6, 30)


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.fixture
def directions(db):
    reference.load(Direction, PriorityArea)
    return {d.code: d for d in Direction.objects.all()}


@pytest.fixture
def finance(blekinge):
    return MembershipFactory(region=blekinge, role="finance_officer", user__username="eko").user


def test_finance_officer_opens_a_year_and_records_its_funds(finance, blekinge, directions):
    suicide = directions["suicidprevention"]
    agreement = record_agreement_year_funds(
        blekinge, 2026, USE_BY, {suicide: Decimal("1234567.89")}, actor=finance
    )
    assert (agreement.name, agreement.year, agreement.use_by) == ("ÖK 2026", 2026, USE_BY)
    assert RegionFunds.objects.get(region=blekinge).amount == Decimal("1234567.89")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"agreement.created", "funds.set"} <= actions


def test_correcting_an_amount_is_audited_with_what_it_was(finance, blekinge, directions):
    suicide = directions["suicidprevention"]
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: Decimal("100")}, actor=finance)
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: Decimal("150.5")}, actor=finance)
    entry = AuditEntry.objects.get(action="funds.corrected")
    assert entry.data["before"] == "100.00" and entry.data["amount"] == "150.5"
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: None}, actor=finance)
    assert not RegionFunds.objects.exists()
    assert AuditEntry.objects.filter(action="funds.removed").exists()


def test_allocated_funds_are_not_removed_nor_lowered_below_the_allocation(
    finance, blekinge, directions
):
    suicide = directions["suicidprevention"]
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: Decimal("100")}, actor=finance)
    funds = RegionFunds.objects.get()
    regional = blekinge.organisations.get(kind="region")
    allocate_funds(funds, actor=finance, key="manual", amounts=[(regional, Decimal("100"))])
    for amount in (None, Decimal("99.99")):
        with pytest.raises(ValidationError) as refused:
            record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: amount}, actor=finance)
        assert "amount_suicidprevention" in refused.value.message_dict
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: Decimal("120")}, actor=finance)
    funds.refresh_from_db()
    assert funds.amount == Decimal("120")


def test_use_by_date_of_a_shared_agreement_stays(finance, blekinge, dalarna, directions):
    agreement = AgreementFactory(year=2026, use_by=USE_BY)
    RegionFundsFactory(agreement=agreement, region=dalarna)
    with pytest.raises(ValidationError) as refused:
        record_agreement_year_funds(blekinge, 2026, datetime.date(2027, 12, 31), {}, actor=finance)
    assert "use_by" in refused.value.message_dict
    # Alone under it, the region sets the date.
    RegionFunds.objects.filter(region=dalarna).delete()
    record_agreement_year_funds(blekinge, 2026, datetime.date(2027, 12, 31), {}, actor=finance)
    agreement.refresh_from_db()
    assert agreement.use_by == datetime.date(2027, 12, 31)


def test_a_save_from_a_page_opened_before_anothers_is_refused(finance, blekinge, directions):
    suicide = directions["suicidprevention"]
    seen = funds_fingerprint(None, blekinge)
    record_agreement_year_funds(blekinge, 2026, USE_BY, {suicide: Decimal("1")}, actor=finance)
    with pytest.raises(ConcurrentEdit):
        record_agreement_year_funds(
            blekinge, 2026, USE_BY, {suicide: Decimal("2")}, actor=finance, seen=seen
        )
    assert RegionFunds.objects.get().amount == Decimal("1")


def test_only_the_regions_finance_officer_or_administrator_records_funds(
    alice, bob, charlie, blekinge, directions
):
    for actor in (alice, bob, charlie):
        with pytest.raises(PermissionDenied):
            record_agreement_year_funds(blekinge, 2026, USE_BY, {}, actor=actor)
    assert not Agreement.objects.exists()


def test_page_records_funds_to_the_ore(client, finance, blekinge, directions):
    client.force_login(finance)
    url = reverse("funds:region_funds", args=["blekinge"]) + "?ar=2026"
    form = client.get(url).context["form"]
    data = {"use_by": "2027-06-30", "seen": form.initial["seen"]}
    data["amount_suicidprevention"] = "1 234 567,89"
    response = client.post(url, data)
    assert response.status_code == 302
    assert RegionFunds.objects.get().amount == Decimal("1234567.89")
    page = text(client.get(url))
    assert "1 234 567,89 kr" in page and "ÖK 2026, att använda senast 2027-06-30" in page


def test_page_shows_errors_next_to_the_fields(client, finance, directions):
    client.force_login(finance)
    url = reverse("funds:region_funds", args=["blekinge"]) + "?ar=2026"
    response = client.post(url, {"use_by": "", "amount_suicidprevention": "12,345"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"use_by", "amount_suicidprevention"}
    assert not Agreement.objects.exists()


def test_page_second_tab_is_told_and_keeps_what_was_typed(client, finance, directions):
    client.force_login(finance)
    url = reverse("funds:region_funds", args=["blekinge"]) + "?ar=2026"
    seen = client.get(url).context["form"].initial["seen"]
    first = {"use_by": "2027-06-30", "seen": seen, "amount_suicidprevention": "100"}
    client.post(url, first)
    response = client.post(url, {**first, "amount_suicidprevention": "200"})
    assert response.status_code == 200
    assert "efter att du öppnade sidan" in text(response)
    assert 'value="200"' in response.content.decode()
    assert RegionFunds.objects.get().amount == Decimal("100")


def test_page_is_403_to_a_coordinator_and_404_to_another_region(client, alice, charlie):
    url = reverse("funds:region_funds", args=["blekinge"])
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_page_runs_as_many_queries_for_many_years_as_for_one(client, finance, blekinge, directions):
    client.force_login(finance)
    url = reverse("funds:region_funds", args=["blekinge"])
    RegionFundsFactory(agreement=AgreementFactory(year=2000), region=blekinge)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for year in range(2001, 2012):
        for direction in list(directions.values())[:3]:
            RegionFundsFactory(
                agreement=AgreementFactory(year=year), region=blekinge, direction=direction
            )
    assert count() == few
