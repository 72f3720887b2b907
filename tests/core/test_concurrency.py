"""core.concurrency.save_if_unchanged: the one optimistic lock every edit page saves through."""

import datetime

import pytest

from pusselbit.assignments.models import Assignment
from pusselbit.core.concurrency import ConcurrentEdit, save_if_unchanged
from tests.concurrency import all_at_once, postgresql_only
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def row():
    # Any model with a version and an auto_now stamp; an assignment is the smallest.
    return Assignment.objects.create(
        region=RegionFactory(), title="Uppdrag", dated=datetime.date(2020, 5, 6)
    )


def test_save_if_unchanged_second_stale_save_raises_and_writes_nothing(row):
    opened_at = row.version  # two people open the same page

    save_if_unchanged(Assignment, row.pk, opened_at, purpose="Först")
    with pytest.raises(ConcurrentEdit):
        save_if_unchanged(Assignment, row.pk, opened_at, purpose="Sedan", title="Skrivet över")

    row.refresh_from_db()
    assert (row.purpose, row.title, row.version) == ("Först", "Uppdrag", opened_at + 1)


def test_save_if_unchanged_stamps_updated_at_that_update_would_skip(row):
    before = row.updated_at

    save_if_unchanged(Assignment.objects.all(), row.pk, row.version, purpose="Nytt")

    row.refresh_from_db()
    assert row.updated_at > before and row.version == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_save_if_unchanged_at_the_same_moment_lets_exactly_one_through():
    row = Assignment.objects.create(
        region=RegionFactory(), title="Uppdrag", dated=datetime.date(2020, 5, 6)
    )

    def save(text):
        return lambda: save_if_unchanged(Assignment, row.pk, 1, purpose=text)

    results = all_at_once([save(f"Skrivet {i}") for i in range(4)])

    refused = [r for r in results if isinstance(r, ConcurrentEdit)]
    assert len(refused) == 3 and results.count(None) == 1, results
    row.refresh_from_db()
    assert row.version == 2 and row.purpose == f"Skrivet {results.index(None)}"
