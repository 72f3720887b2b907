import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory, PopulationFigureFactory

pytestmark = pytest.mark.django_db
DEC_31 = datetime.date(2019, 12, 31)
NOV_1 = datetime.date(2019, 11, 1)


def municipality_list_url(region, **query):
    url = reverse("organisations:municipality_list", args=[region.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def karlskrona(blekinge):
    municipality = OrganisationFactory(region=blekinge, code="1080", name="Karlskrona")
    PopulationFigureFactory(organisation=municipality, reference_date=DEC_31, population=66675)
    PopulationFigureFactory(organisation=municipality, reference_date=NOV_1, population=66600)
    return municipality


@pytest.fixture
def ronneby(blekinge):
    municipality = OrganisationFactory(region=blekinge, code="1081", name="Ronneby")
    PopulationFigureFactory(organisation=municipality, reference_date=DEC_31, population=29568)
    return municipality


def test_municipality_list_as_owner_shows_population_at_newest_date(
    client, alice, karlskrona, ronneby
):
    client.force_login(alice)
    response = client.get(municipality_list_url(karlskrona.region))
    html = response.content.decode()
    assert "<h1>Kommuner i Region Blekinge</h1>" in html
    assert "Karlskrona" in html and "Ronneby" in html
    assert "66\xa0675" in html and "29\xa0568" in html
    assert "2019-12-31" in html
    assert "96\xa0243" in html  # the sum row


def test_municipality_list_at_chosen_date_flags_missing_figures(client, bob, karlskrona, ronneby):
    client.force_login(bob)
    html = client.get(municipality_list_url(karlskrona.region, datum="2019-11-01")).content.decode()
    assert "66\xa0600" in html
    assert "29\xa0568" not in html
    assert "1 kommun saknar befolkningssiffra den 1 november 2019." in html


def test_municipality_list_unknown_date_shows_error_and_newest(client, alice, karlskrona):
    client.force_login(alice)
    html = client.get(municipality_list_url(karlskrona.region, datum="1999-01-01")).content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_datum"' in html
    assert "66\xa0675" in html


def test_municipality_list_of_other_region_is_404(client, charlie, karlskrona):
    client.force_login(charlie)
    response = client.get(municipality_list_url(karlskrona.region))
    assert response.status_code == 404
    assert "Karlskrona" not in response.content.decode()


def test_municipality_list_anonymous_is_sent_to_login(client, karlskrona):
    response = client.get(municipality_list_url(karlskrona.region))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_municipality_list_query_count_does_not_grow(client, alice, blekinge):
    client.force_login(alice)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(municipality_list_url(blekinge))
        assert response.status_code == 200
        return len(queries)

    first = OrganisationFactory(region=blekinge)
    PopulationFigureFactory(organisation=first, reference_date=DEC_31)
    one = count_queries()
    for _ in range(49):
        municipality = OrganisationFactory(region=blekinge)
        PopulationFigureFactory(organisation=municipality, reference_date=DEC_31)
    fifty = count_queries()
    assert one == fifty


def test_organisation_detail_shows_figures_and_operation_areas(client, alice, karlskrona):
    karlskrona.operation_areas.create(name="Socialtjänst")
    client.force_login(alice)
    url = reverse("organisations:organisation_detail", args=["blekinge", karlskrona.pk])
    html = client.get(url).content.decode()
    assert "<h1>Karlskrona</h1>" in html
    assert "2019-11-01" in html and "66\xa0600" in html
    assert "Socialtjänst (Kommunal)" in html


def test_organisation_detail_of_other_region_is_404(client, alice, charlie, karlskrona, dalarna):
    falun = OrganisationFactory(region=dalarna, name="Falun")
    client.force_login(alice)
    # Another region's organisation, under the user's own region or the other one.
    assert (
        client.get(
            reverse("organisations:organisation_detail", args=["blekinge", falun.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("organisations:organisation_detail", args=["dalarna", falun.pk])
        ).status_code
        == 404
    )
    client.force_login(charlie)
    response = client.get(
        reverse("organisations:organisation_detail", args=["blekinge", karlskrona.pk])
    )
    assert response.status_code == 404
    assert "Karlskrona" not in response.content.decode()
