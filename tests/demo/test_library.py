"""The demo's library of past initiatives (demo.library): what came of each, published, in the
past, with no funds, and the search benchmark's labelled queries naming what is there."""

import datetime
from collections import Counter

import pytest

from benchmarks.search_queries import KEYWORDS, PARAPHRASES, QUERIES, QUESTIONS
from pusselbit.demo.initiatives import DAY
from pusselbit.demo.library import LIBRARY
from pusselbit.funds.models import Commitment
from pusselbit.initiatives.models import (
    Decision,
    FinalEvaluation,
    FollowUpReport,
    Initiative,
    PreparationRecord,
    Recommendation,
    ResourceReview,
)
from pusselbit.public.results import results

pytestmark = pytest.mark.django_db

TITLES = [past.title for region in LIBRARY.values() for past in region]


def library():
    return Initiative.objects.filter(title__in=TITLES)


def test_library_has_eight_distinct_initiatives_in_each_demo_region(demo_once):
    assert len(set(TITLES)) == len(TITLES) == 24
    per_region = Counter(library().values_list("region__slug", flat=True))
    assert per_region == {"blekinge": 8, "dalarna": 8, "vastra-gotaland": 8}


def test_library_outcomes_as_lar_av_andra_reads_them(demo_once):
    found = results(list(library().values_list("pk", flat=True)))
    assert len(found) == 24  # every one published
    assert Counter(r.outcome for r in found) == {
        "implemented": 9,
        "scaled_up": 7,
        "ended": 4,
        "running": 4,
    }
    per_region = Counter((r.region.slug, r.outcome) for r in found)
    assert per_region == {
        ("blekinge", "implemented"): 3,
        ("blekinge", "scaled_up"): 3,
        ("blekinge", "ended"): 1,
        ("blekinge", "running"): 1,
        ("dalarna", "implemented"): 3,
        ("dalarna", "scaled_up"): 2,
        ("dalarna", "ended"): 2,
        ("dalarna", "running"): 1,
        ("vastra-gotaland", "implemented"): 3,
        ("vastra-gotaland", "scaled_up"): 2,
        ("vastra-gotaland", "ended"): 1,
        ("vastra-gotaland", "running"): 2,
    }
    for result in found:
        finished = result.outcome != "running"
        assert (result.final_evaluation is not None) == finished, result.title
        implemented = result.outcome in {"implemented", "scaled_up"}
        assert (result.implementation is not None) == implemented, result.title
        assert all(m.values for m in result.measures), result.title


def test_library_records_are_dated_2023_to_before_the_demo_day(demo_once):
    first, day = datetime.date(2023, 1, 1), DAY
    rows = {
        "decisions": Decision.objects.filter(initiative__in=library()).values_list(
            "decided_on", flat=True
        ),
        "recommendations": Recommendation.objects.filter(initiative__in=library()).values_list(
            "meeting_date", flat=True
        ),
        "follow-ups": FollowUpReport.objects.filter(initiative__in=library()).values_list(
            "period_end", flat=True
        ),
        "evaluations": FinalEvaluation.objects.filter(initiative__in=library()).values_list(
            "evaluated_on", flat=True
        ),
        "reviews": ResourceReview.objects.filter(initiative__in=library()).values_list(
            "reviewed_on", flat=True
        ),
        "preparation": PreparationRecord.objects.filter(initiative__in=library()).values_list(
            "done_on", flat=True
        ),
    }
    for name, dates in rows.items():
        dates = list(dates)
        assert dates, name
        assert all(first <= date < day for date in dates), (name, min(dates), max(dates))


def test_library_commits_no_funds(demo_once):
    assert Decision.objects.filter(initiative__in=library()).count() == 24 + 20
    assert not Commitment.objects.filter(decision__initiative__in=library()).exists()


def test_labelled_queries_name_initiatives_of_the_demo(demo_once):
    titles = set(Initiative.objects.values_list("title", flat=True))
    expected = {title for _, wanted in QUERIES for title in wanted}
    assert expected <= titles, sorted(expected - titles)
    assert QUERIES == KEYWORDS + PARAPHRASES + QUESTIONS
    assert len(QUERIES) >= 60 and len({query for query, _ in QUERIES}) == len(QUERIES)
    assert all(1 <= len(wanted) <= 3 for _, wanted in QUERIES)
