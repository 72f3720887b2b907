"""The follow-up page: the running initiatives' effect measures over the chosen year and the
action-plan indicators, each as a chart with its table; the year filter; the region boundary;
and a query count that does not grow with the number of initiatives."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.initiatives.models import Initiative
from pusselbit.reporting.outcomes import default_year, outcomes, years_with_data

pytestmark = pytest.mark.django_db
User = get_user_model()


def url(slug, year=None):
    address = reverse("reporting:outcomes", args=[slug])
    return f"{address}?ar={year}" if year else address


@pytest.fixture
def demo(demo_once, db, client):
    client.force_login(User.objects.get(username="vastra-gotaland-lanssamordnare"))
    return client


# The demo's running idea; the demo's library (demo.library) has running initiatives too.
RUNNING = "Samtalsstöd inom en vecka för unga vuxna"


def running(slug):
    return Initiative.objects.get(region__slug=slug, stage__running=True, title=RUNNING)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_shows_the_measure_values_of_the_year_with_chart_and_table(demo):
    initiative = running("vastra-gotaland")
    measure = initiative.proposal.measures.first()
    response = demo.get(url("vastra-gotaland", 2026))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert initiative.title in html
    section = html[html.index(f'id="initiative-{initiative.pk}"') :]
    assert f'id="measure-{measure.pk}-chart"' in section  # the chart
    assert "2026-01-01 – 2026-06-30" in text(section)  # the table's period row
    assert re.search(r"2026-01-01 – 2026-06-30 30\b", text(section))
    # No indicator has a value in 2026.
    assert 'id="indicator-' not in html


def test_the_year_filter_shows_the_indicator_values_of_that_year_only(demo):
    html = demo.get(url("vastra-gotaland", 2019)).content.decode()
    assert 'name="ar"' in html and '<option value="2019" selected>' in html
    body = text(html)
    assert re.search(r"2019 47 Demovärden", body)
    assert '<th scope="row">2019</th>' in html
    assert '<th scope="row">2018</th>' not in html and '<th scope="row">2020</th>' not in html
    # The running initiative is listed, but its 2026 value is not in 2019.
    initiative = running("vastra-gotaland")
    assert initiative.title in html
    assert "2026-01-01 – 2026-06-30" not in body
    # An unreadable year falls back to the default.
    assert demo.get(url("vastra-gotaland", "abc")).status_code == 200


def test_the_default_year_is_the_current_or_the_latest_with_data(demo):
    region = running("vastra-gotaland").region
    years = years_with_data(region)
    # 2023–2025: the follow-ups of the demo's library of past initiatives (demo.library).
    assert years == [2026, 2025, 2024, 2023, 2020, 2019, 2018]
    assert default_year(years, datetime.date(2026, 11, 1)) == 2026
    assert default_year(years, datetime.date(2030, 1, 1)) == 2026
    assert default_year([], datetime.date(2030, 1, 1)) == 2030


def test_the_query_reads_the_region_and_year(demo):
    region = running("dalarna").region
    result = outcomes(region, 2026)
    # The demo's running idea and the running initiative of the demo's library.
    assert [one.initiative.region_id for one in result.initiatives] == [region.pk, region.pk]
    (idea,) = [one for one in result.initiatives if one.initiative.title == RUNNING]
    assert idea.series[0].values[0].value == 30
    assert result.indicators == []
    (idea,) = [one for one in outcomes(region, 2025).initiatives if one.initiative.title == RUNNING]
    assert idea.series[0].values == []


def test_another_regions_page_is_a_404(demo):
    assert demo.get(url("dalarna")).status_code == 404
    assert demo.get(url("vastra-gotaland")).status_code == 200


def test_the_overview_links_to_it(demo):
    html = demo.get(reverse("reporting:overview", args=["vastra-gotaland"])).content.decode()
    assert url("vastra-gotaland") in html


def copy_running(initiative, times):
    """`times` more running initiatives like `initiative`, each with its measures and report."""
    measures = list(initiative.proposal.measures.all())
    reports = list(initiative.follow_up_reports.prefetch_related("values"))
    for number in range(times):
        proposal = initiative.proposal
        copy = Initiative.objects.get(pk=initiative.pk)
        copy.pk = None
        copy.title = f"{initiative.title} {number}"
        copy.save()
        proposal.pk = None
        proposal.initiative = copy
        proposal.save()
        new_measures = {}
        for measure in measures:
            old = measure.pk
            measure.pk = None
            measure.proposal = proposal
            measure.save()
            new_measures[old] = measure
        for report in reports:
            values = list(report.values.all())
            report.pk = None
            report.initiative = copy
            report.save()
            for value in values:
                value.pk = None
                value.report = report
                value.measure = new_measures[value.measure_id]
                value.save()
        initiative = Initiative.objects.get(pk=initiative.pk)


def count_queries(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url("vastra-gotaland", 2026))
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_query_count_is_the_same_for_3_and_12_initiatives(demo):
    initiative = running("vastra-gotaland")
    # The demo's library has two more running initiatives in Västra Götaland.
    listed = Initiative.objects.filter(region__slug="vastra-gotaland", stage__running=True)
    assert listed.count() == 3
    one, _html = count_queries(demo)
    copy_running(initiative, 9)
    ten, html = count_queries(demo)
    assert listed.count() == 12
    assert html.count('class="follow-up-initiative"') == 12
    assert one == ten
