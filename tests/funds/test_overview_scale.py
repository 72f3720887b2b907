"""The funds overview over many agreement years: the three newest in full, earlier ones one
line each with their totals to the öre, in the same number of queries however many years."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pusselbit.funds.domain import allocate_funds, create_agreement, set_region_funds
from pusselbit.funds.models import Agreement, RegionFunds
from pusselbit.organisations.models import Region
from tests.funds.test_allocation_pages import kr, sv, table_rows, url, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_once, db):
    """The demo, built once for the module; each test's changes are rolled back after it."""


def add_years(region, years):
    """Earlier agreements copying ÖK 2020's funds for the region, allocated to its region
    organisation; returns the funds per year."""
    template = list(RegionFunds.objects.filter(region=region, agreement__name="ÖK 2020"))
    made = {}
    for year in years:
        agreement = Agreement.objects.filter(name=f"ÖK {year}").first() or create_agreement(
            f"ÖK {year}", f"Överenskommelse {year}", year, datetime.date(year, 12, 31), actor=None
        )
        for funds in template:
            amount = funds.amount + Decimal("0.01")
            copy = set_region_funds(agreement, region, funds.direction, amount, actor=None)
            allocate_funds(copy, actor=None, key="manual", amounts=[(region_org(region), amount)])
        made[year] = agreement
    return made


def region_org(region):
    return region.organisations.get(kind="region")


def test_overview_summarises_earlier_years_and_keeps_queries_constant(client, demo):
    region = Region.objects.get(slug="dalarna")
    client.force_login(user("dalarna-ekonom"))
    address = url("overview", "dalarna")
    client.get(address)  # warm up: session, content types
    with CaptureQueriesContext(connection) as one_year:
        client.get(address)

    add_years(region, range(2011, 2020))
    with CaptureQueriesContext(connection) as ten_years:
        page = client.get(address).content.decode()
    assert len(ten_years) == len(one_year), [q["sql"] for q in ten_years.captured_queries]

    # The three newest in full, per direction.
    for name in ("ÖK 2020", "ÖK 2019", "ÖK 2018"):
        table_rows(page, sv("%(agreement)s: funds per direction", agreement=name))
    with pytest.raises(AssertionError):
        table_rows(page, sv("%(agreement)s: funds per direction", agreement="ÖK 2017"))

    # The seven earlier ones, one line each, summed in the database to the öre.
    _header, *rows = table_rows(
        page, sv("Earlier agreements: the region's funds and what is allocated, in total")
    )
    assert [row[0] for row in rows] == [f"ÖK {year}" for year in range(2017, 2010, -1)]
    directions = RegionFunds.objects.filter(region=region, agreement__name="ÖK 2020")
    funds_total = sum((f.amount + Decimal("0.01") for f in directions), Decimal("0"))
    assert rows[0][1:] == [
        str(directions.count()),
        kr(funds_total),
        kr(funds_total),
    ]
