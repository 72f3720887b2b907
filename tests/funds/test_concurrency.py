"""Money is never committed twice: fifty decisions at once against one share, each in its own
PostgreSQL connection, commit exactly what the share has and not an öre more."""

import datetime
from decimal import Decimal
from functools import partial

import pytest
from django.db import connection

from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.funds import queries
from pusselbit.funds.domain import (
    InsufficientFunds,
    allocate_funds,
    commit_funds,
    create_agreement,
    set_region_funds,
)
from pusselbit.funds.models import Commitment, Share
from pusselbit.initiatives.models import Decision
from tests.concurrency import all_at_once
from tests.initiatives import conftest as initiative_fixtures

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs real parallel connections with row locks: run with DATABASE_URL set to "
        "PostgreSQL (SQLite serialises all writers, so it cannot show the race).",
    ),
    pytest.mark.django_db(transaction=True),
]

workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative

THREADS = 50
EACH = Decimal("100000.00")
SHARE = Decimal("1000000.00")
DAY = datetime.date(2026, 11, 22)


@pytest.fixture
def share(regional_org) -> Share:
    # A transactional test starts from a flushed database, without the migration's directions.
    agreement_reference.load(Direction, PriorityArea)
    agreement = create_agreement("ÖK C", "Överenskommelse C", 2026, DAY, actor=None)
    funds = set_region_funds(
        agreement,
        regional_org.region,
        Direction.objects.get(code="suicidprevention"),
        SHARE,
        actor=None,
    )
    allocation = allocate_funds(funds, actor=None, key="manual", amounts=[(regional_org, SHARE)])
    return allocation.shares.get()


@pytest.fixture
def decisions(make_initiative, people) -> list[Decision]:
    initiative = make_initiative("genomforande")
    return [
        Decision.objects.create(
            initiative=initiative,
            stage=initiative.stage,
            outcome="approved",
            budget=EACH,
            decided_on=DAY,
            registration_number=f"RB 2026/{n}",
            recorded_by=people["regional_director"],
        )
        for n in range(THREADS)
    ]


def test_fifty_parallel_commitments_never_exceed_the_share(share, decisions):
    results = all_at_once(
        [partial(commit_funds, d, share, EACH, actor=None, year=2026) for d in decisions]
    )

    committed = [r for r in results if isinstance(r, Commitment)]
    refused = [r for r in results if isinstance(r, InsufficientFunds)]
    assert (len(committed), len(refused)) == (10, 40), results
    rows = Commitment.objects.filter(share=share, released_by__isnull=True)
    assert rows.count() == 10
    assert len({c.decision_id for c in rows}) == 10
    assert sum((c.amount for c in rows), Decimal("0")) == Decimal("1000000.00")
    row = queries.account(share.allocation.funds.region, share.pk)
    assert row.committed == Decimal("1000000.00")
    assert row.remaining == Decimal("0.00")
