"""The ledger and the requisitions at scale: one agreement at a time (the newest unless another
is chosen), a bounded page of rows, totals summed in the database that equal, to the öre, what
adding up every row gives, and a fixed number of queries however many rows there are."""

import datetime
import re
from decimal import Decimal

import pytest

from pusselbit.funds import queries
from pusselbit.funds.domain import create_agreement, record_requisition, report_spending
from pusselbit.funds.models import Agreement, Requisition, Share
from pusselbit.funds.views.ledger import LEDGER_ROWS, REQUISITIONS
from pusselbit.organisations.models import Organisation, Region
from tests.funds.test_ledger import (
    FUTURE_USE_BY,
    cells,
    committed_decision,
    count_queries,
    kr,
    make_shares,
    url,
)
from tests.initiatives import conftest as initiative_fixtures
from tests.initiatives.helpers import TODAY

pytestmark = pytest.mark.django_db

# The initiatives' fixtures: Blekinge with its workflow and one user per role.
workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative

ACCOUNT_LINK = re.compile(r'href="/regioner/[^/]+/medel/konto/\d+/"')


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def foot(html: str) -> list[str]:
    return [text(c) for c in cells(html[html.index("<tfoot>") : html.index("</tfoot>")])]


def many_shares(region, count: int, *, name="ÖK M", year=2026) -> list[Share]:
    """An agreement with `count` shares of one direction, in bulk (1 000,01 kr, 1 000,02 kr …)."""
    first = Organisation.objects.create(region=region, kind="municipality", name="Kommun 0000")
    (share,) = make_shares(region, [(first, "1000.00")], name=name, year=year)
    recipients = Organisation.objects.bulk_create(
        Organisation(region=region, kind="municipality", name=f"Kommun {n:04d}")
        for n in range(1, count)
    )
    Share.objects.bulk_create(
        Share(allocation=share.allocation, recipient=o, amount=Decimal("1000") + Decimal(n) / 100)
        for n, o in enumerate(recipients, start=1)
    )
    return list(share.allocation.shares.all())


# Totals: summed in the database, equal to adding up every row


def test_demo_totals_equal_the_sum_of_every_row(client, demo_once):
    regions = Region.objects.filter(funds__isnull=False).distinct()
    assert regions.count() >= 2
    for region_obj in regions:
        for agreement in queries.agreements_with_funds(region_obj):
            rows = queries.ledger(region_obj, agreement, today=TODAY)
            by_direction: dict = {}
            for row in rows:
                by_direction.setdefault(row.share.allocation.funds.direction_id, []).append(row)
            summed = queries.direction_totals(region_obj, agreement, today=TODAY)
            assert [pk for pk, _count, _sums in summed] == list(by_direction)
            for pk, count, sums in summed:
                assert count == len(by_direction[pk])
                assert sums == queries.totals(by_direction[pk])
            paginator_page = _whole_page(queries.ledger_shares(region_obj, agreement))
            page = queries.ledger_page(region_obj, agreement, paginator_page, today=TODAY)
            assert page.totals == queries.totals(rows)
            assert page.rows == rows


def _whole_page(shares):
    from django.core.paginator import Paginator

    return Paginator(shares, 10_000).page(1)


def test_totals_to_the_ore_with_commitments_released_and_spending_outside(
    client, people, make_initiative, regional_org, karlskrona
):
    share, other = make_shares(
        regional_org.region, [(regional_org, "100000.01"), (karlskrona, "50000.02")]
    )
    committed_decision(make_initiative("genomforande"), people, share, 1)
    report_spending(share, Decimal("0.03"), actor=None, spent_on=TODAY, description="Utanför")
    report_spending(other, Decimal("123.45"), actor=None, spent_on=TODAY, description="Utanför")
    client.force_login(people["finance_officer"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    rows = queries.ledger(regional_org.region, share.allocation.funds.agreement)
    expected = queries.totals(rows)
    assert foot(html)[:5] == [
        kr(expected[key]) for key in ["allocated", "committed", "spent", "remaining", "unspent"]
    ]
    assert foot(html)[:5] == [
        kr("150000.03"),
        kr("1000.00"),
        kr("123.48"),
        kr(Decimal("150000.03") - 1000 - Decimal("123.48")),  # both spendings were outside
        kr(Decimal("150000.03") - Decimal("123.48")),
    ]


# One agreement at a time


def test_default_is_the_newest_agreement_and_the_filter_chooses_another(
    client, people, regional_org
):
    (old,) = make_shares(regional_org.region, [(regional_org, "1000.00")], name="ÖK 19", year=2019)
    (new,) = make_shares(regional_org.region, [(regional_org, "2000.00")], name="ÖK 20", year=2020)
    client.force_login(people["analyst"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    assert url("account", "blekinge", new.pk) in html
    assert url("account", "blekinge", old.pk) not in html
    assert foot(html)[0] == kr("2000.00")

    html = client.get(
        url("ledger", "blekinge"), {"avtal": old.allocation.funds.agreement.pk}
    ).content.decode()
    assert url("account", "blekinge", old.pk) in html
    assert url("account", "blekinge", new.pk) not in html
    assert foot(html)[0] == kr("1000.00")
    assert re.search(
        rf'<option value="{old.allocation.funds.agreement.pk}" selected>ÖK 19</option>', html
    )


@pytest.mark.parametrize("garbage", ["abc", "-1", "1" * 25, "0", "2020"])
def test_a_garbage_agreement_is_an_error_and_shows_the_newest(
    client, people, regional_org, garbage
):
    (new,) = make_shares(regional_org.region, [(regional_org, "2000.00")], name="ÖK 20", year=2020)
    client.force_login(people["analyst"])
    response = client.get(url("ledger", "blekinge"), {"avtal": garbage, "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert url("account", "blekinge", new.pk) in html
    if garbage != str(new.allocation.funds.agreement.pk):
        assert 'class="errorlist' in html


def test_another_regions_agreement_is_not_shown(client, people, regional_org, dalarna):
    (own,) = make_shares(regional_org.region, [(regional_org, "2000.00")], name="ÖK B")
    (theirs,) = make_shares(
        dalarna, [(dalarna.organisations.get(kind="region"), "5000.00")], name="ÖK D", year=2030
    )
    client.force_login(people["analyst"])
    html = client.get(
        url("ledger", "blekinge"), {"avtal": theirs.allocation.funds.agreement.pk}
    ).content.decode()
    assert "ÖK D" not in html
    assert url("account", "dalarna", theirs.pk) not in html
    assert kr("5000.00") not in html
    assert url("account", "blekinge", own.pk) in html
    assert 'class="errorlist' in html


def test_a_region_without_funds_says_so(client, people, regional_org):
    client.force_login(people["analyst"])
    response = client.get(url("ledger", "blekinge"), {"avtal": "1"})
    assert response.status_code == 200
    assert "<table" not in response.content.decode()


# Bounded: 500 shares render one page; the totals are of all of them


def test_500_shares_render_one_page_with_the_totals_of_all(client, people, regional_org):
    shares = many_shares(regional_org.region, 500)
    client.force_login(people["finance_officer"])
    html = client.get(url("ledger", "blekinge")).content.decode()
    assert len(ACCOUNT_LINK.findall(html)) == LEDGER_ROWS
    total = sum((s.amount for s in shares), Decimal("0"))
    assert foot(html)[0] == kr(total)
    assert 'aria-current="page"' in html and "Total for the direction" not in html
    # The direction's subtotal is under its last share, on the last page.
    last = (500 + LEDGER_ROWS - 1) // LEDGER_ROWS
    html = client.get(url("ledger", "blekinge"), {"page": last}).content.decode()
    assert len(ACCOUNT_LINK.findall(html)) == 500 - (last - 1) * LEDGER_ROWS
    subtotal = html[html.index('<tr class="subtotal">') : html.index("</tbody>")]
    assert [text(c) for c in cells(subtotal)][0] == kr(total)
    # Every share is on exactly one page.
    seen = set()
    for number in range(1, last + 1):
        page = client.get(url("ledger", "blekinge"), {"page": number}).content.decode()
        seen.update(ACCOUNT_LINK.findall(page))
    assert len(seen) == 500


def test_ledger_query_count_same_for_2_and_500_shares(
    client, people, make_initiative, regional_org, karlskrona
):
    (share, _other) = make_shares(
        regional_org.region, [(regional_org, "1000000.00"), (karlskrona, "1.00")], name="ÖK A"
    )
    committed_decision(make_initiative("genomforande"), people, share, 1)
    client.force_login(people["finance_officer"])
    one = count_queries(client, url("ledger", "blekinge"))
    agreement = share.allocation.funds.agreement
    many_shares(regional_org.region, 500, name="ÖK Z", year=2030)  # the newest: the default
    assert count_queries(client, url("ledger", "blekinge")) == one
    assert count_queries(client, f"{url('ledger', 'blekinge')}?page=3") == one
    assert count_queries(client, f"{url('ledger', 'blekinge')}?avtal={agreement.pk}") == one


# Requisitions: a page at a time, sorted in the database


def requisitions(blekinge, karlskrona, count: int, *, name="ÖK R", year=2020):
    agreement = create_agreement(name, f"Överenskommelse {name}", year, FUTURE_USE_BY, actor=None)
    regional = blekinge.organisations.get(kind="region")
    made = Requisition.objects.bulk_create(
        Requisition(
            agreement=agreement,
            region=blekinge,
            requisitioned_by=regional if n % 2 else karlskrona,
            requisitioned_from="SKR",
            amount=Decimal(n),
            requisitioned_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            registration_number=f"RD {year}/{n:04d}",
        )
        for n in range(count)
    )
    through = Requisition.on_behalf_of.through
    through.objects.bulk_create(
        through(requisition=r, organisation=o) for r in made for o in [regional, karlskrona]
    )
    return agreement


def test_500_requisitions_render_one_page_newest_agreement_first(
    client, people, blekinge, karlskrona
):
    from pusselbit.agreements import reference as agreement_reference
    from pusselbit.agreements.models import Direction, PriorityArea

    agreement_reference.load(Direction, PriorityArea)
    requisitions(blekinge, karlskrona, 450, name="ÖK 2019", year=2019)
    requisitions(blekinge, karlskrona, 50, name="ÖK 2020", year=2020)
    client.force_login(people["analyst"])
    html = client.get(url("requisitions", "blekinge")).content.decode()
    numbers = re.findall(r"RD (\d{4})/(\d{4})", html)
    assert len(numbers) == REQUISITIONS
    assert numbers == sorted(numbers, key=lambda n: (-int(n[0]), n[1]))
    assert numbers[0] == ("2020", "0000")
    assert 'aria-current="page"' in html
    html = client.get(url("requisitions", "blekinge"), {"page": 2}).content.decode()
    assert re.findall(r"RD (\d{4})/(\d{4})", html)[0] == ("2019", "0000")


def test_requisitions_query_count_same_for_1_and_500(client, people, blekinge, karlskrona):
    from pusselbit.agreements import reference as agreement_reference
    from pusselbit.agreements.models import Direction, PriorityArea

    agreement_reference.load(Direction, PriorityArea)
    agreement = requisitions(blekinge, karlskrona, 1)
    record_requisition(
        agreement,
        blekinge,
        actor=people["finance_officer"],
        requisitioned_by=karlskrona,
        requisitioned_from="SKR",
        amount=Decimal("5"),
        requisitioned_on=datetime.date(2020, 6, 1),
        directions=list(Direction.objects.all()[:2]),
        on_behalf_of=[karlskrona],
    )
    client.force_login(people["analyst"])
    one = count_queries(client, url("requisitions", "blekinge"))
    requisitions(blekinge, karlskrona, 500, name="ÖK S", year=2021)
    assert count_queries(client, url("requisitions", "blekinge")) == one
    assert count_queries(client, f"{url('requisitions', 'blekinge')}?page=5") == one
    assert Agreement.objects.count() == 2
