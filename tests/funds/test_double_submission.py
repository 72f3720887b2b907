"""A spending or requisition form sent twice — a double click, a reload, a second tab, or two
sendings at the same moment — writes one row, and the second sender is told it was recorded."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.funds.domain import create_agreement
from pusselbit.funds.models import Requisition, Spending
from tests.concurrency import at_once, postgresql_only
from tests.funds.test_ledger import FUTURE_USE_BY, make_shares, url
from tests.initiatives import conftest as initiative_fixtures

workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people

SPENDING = {"amount": "25 000,50", "spent_on": "2026-11-01", "description": "Utbildningsdag"}


def key_of(html: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f-]{36})"', html).group(1)


def messages_of(client, address) -> str:
    return client.get(address).content.decode()


@pytest.mark.django_db
def test_spending_form_sent_twice_is_reported_once(client, people, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    address = url("account", "blekinge", share.pk)
    client.force_login(people["finance_officer"])
    data = {**SPENDING, "submission": key_of(client.get(address).content.decode())}

    first = client.post(address, data)
    second = client.post(address, data)

    assert first.status_code == second.status_code == 302
    assert Spending.objects.filter(share=share).count() == 1
    html = client.get(second.url).content.decode()
    assert "25\xa0000,50\xa0kr som användes 1 november 2026 är rapporterat en gång" in html


@pytest.mark.django_db
def test_spending_form_opened_twice_reports_twice(client, people, regional_org):
    """Two real payments of the same amount on one day are two rows: each form has its key."""
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    address = url("account", "blekinge", share.pk)
    client.force_login(people["finance_officer"])
    for _ in range(2):
        key = key_of(client.get(address).content.decode())
        assert client.post(address, {**SPENDING, "submission": key}).status_code == 302
    assert Spending.objects.filter(share=share).count() == 2


@pytest.mark.django_db
def test_requisition_form_sent_twice_is_recorded_once(client, people, blekinge, karlskrona):
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK 2020", "Överenskommelse 2020", 2020, FUTURE_USE_BY, actor=None)
    address = url("requisition_create", "blekinge")
    client.force_login(people["finance_officer"])
    data = {
        "agreement": agreement.pk,
        "directions": [Direction.objects.get(code="suicidprevention").pk],
        "requisitioned_by": karlskrona.pk,
        "requisitioned_from": "SKR",
        "amount": "1 000 000",
        "requisitioned_on": "2020-06-15",
        "submission": key_of(client.get(address).content.decode()),
    }

    assert client.post(address, data).status_code == 302
    second = client.post(address, data)

    assert second.status_code == 302
    assert Requisition.objects.count() == 1
    html = client.get(second.url).content.decode()
    assert "rekvisitionen från Karlskrona på 1\xa0000\xa0000,00\xa0kr är registrerad en" in html


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_spending_form_sent_twice_at_the_same_moment_is_reported_once(people, regional_org):
    (share,) = make_shares(regional_org.region, [(regional_org, "100000.00")])
    address = url("account", "blekinge", share.pk)
    user = people["finance_officer"]
    opener = Client()
    opener.force_login(user)
    data = {**SPENDING, "submission": key_of(opener.get(address).content.decode())}
    responses = at_once(user, [(address, data)] * 4)

    assert [getattr(r, "status_code", r) for r in responses] == [302] * 4
    assert Spending.objects.filter(share=share).count() == 1
    assert Spending.objects.get().amount == Decimal("25000.50")
