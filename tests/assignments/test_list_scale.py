"""The assignment list at scale: one page of documents however many the region has, in the
same number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.assignments.models import Assignment
from tests.factories import MembershipFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vg(db):
    return RegionFactory(code="14", name="Västra Götalandsregionen", slug="vastra-gotaland")


@pytest.fixture
def coordinator(vg):
    return MembershipFactory(region=vg, role="county_coordinator", user__username="lsam").user


def add(region, count, start=0):
    Assignment.objects.bulk_create(
        Assignment(
            region=region,
            place="Göteborg",
            dated=datetime.date(2015, 1, 1) + datetime.timedelta(days=n),
            title=f"Uppdrag {n:04d}",
            purpose="Syfte",
        )
        for n in range(start, start + count)
    )


def rows(page: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    return re.findall(r"Uppdrag \d{4}", body)


def test_assignment_list_renders_one_page_of_many(client, vg, coordinator):
    add(vg, 500)
    client.force_login(coordinator)
    address = reverse("assignments:list", args=[vg.slug])
    page = client.get(address).content.decode()
    assert len(rows(page)) == 50
    assert rows(page)[0] == "Uppdrag 0499"  # newest first
    assert 'aria-current="page"' in page
    last = client.get(address, {"page": 10}).content.decode()
    assert rows(last)[-1] == "Uppdrag 0000"


def test_assignment_list_query_count_does_not_grow(client, vg, coordinator):
    add(vg, 2)
    client.force_login(coordinator)
    address = reverse("assignments:list", args=[vg.slug])
    client.get(address)  # warm up: session, content types
    with CaptureQueriesContext(connection) as two:
        client.get(address)
    add(vg, 98, start=2)
    with CaptureQueriesContext(connection) as hundred:
        client.get(address)
    assert len(hundred) == len(two), [q["sql"] for q in hundred.captured_queries]
