"""Every distribution the catalogue lists answers, without signing in, with data: CSV for
machines (UTF-8, `;`, snake_case names, decimal points), JSON with the same names, and the
README naming every column. Dalarna's ÖK 2020 allocation is the seed's, to the öre, and no
person's name or e-mail address is in any file."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from pusselbit.accounts.models import User
from tests.funds.test_allocation_pages import SEED_COUNTY_JOINT, seed_decimal, seed_municipal
from tests.people import private_texts

pytestmark = [pytest.mark.django_db, pytest.mark.scoped]

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.fixture(scope="module")
def downloads(demo_once, django_db_blocker) -> dict[str, object]:
    """Every distribution's download URL (as a path on the test server) and its response."""
    client = Client()
    with django_db_blocker.unblock():
        graph = Graph().parse(data=client.get("/datasets/dcat").content, format="xml")
        answers = {}
        for distribution in graph.subjects(RDF.type, DCAT.Distribution):
            url = str(graph.value(distribution, DCAT.downloadURL))
            media = str(graph.value(distribution, DCAT.mediaType)).rsplit("/", 2)[-2:]
            path = url.removeprefix("http://testserver")
            answers[path] = ("/".join(media), client.get(path))
    return answers


def test_every_download_url_answers_anonymous_with_data(downloads):
    assert len(downloads) >= 2 * 6 * 2  # two regions' six datasets, CSV and JSON at least
    problems = []
    for path, (media_type, response) in downloads.items():
        if response.status_code != 200 or not response.content:
            problems.append(f"{path} → {response.status_code}")
            continue
        assert response["Content-Type"].startswith(media_type), path
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
        if media_type == "text/csv":
            text = response.content.decode("utf-8")
            header = next(csv.reader(io.StringIO(text), delimiter=";"))
            assert all(NAME.match(name) for name in header), (path, header)
        elif media_type == "application/json":
            data = json.loads(response.content)
            assert isinstance(data, list)
            assert all(NAME.match(key) for row in data for key in row), path
        else:
            text = response.content.decode("utf-8")
            assert "## Kolumner / Columns" in text
    assert not problems, "\n".join(problems)


def test_csv_and_json_carry_the_same_rows(downloads):
    for path, (media_type, response) in downloads.items():
        if media_type != "text/csv":
            continue
        rows = csv_rows(response)
        data = json.loads(downloads[path.replace(".csv", ".json")][1].content)
        assert len(rows) == len(data), path
        if rows:
            assert list(rows[0]) == list(data[0]), path


def test_dalarna_ok_2020_allocation_is_the_seeds_to_the_ore(demo, client):
    response = client.get(reverse("opendata:csv", args=["dalarna", "fordelning"]))
    rows = [row for row in csv_rows(response) if row["overenskommelse"] == "ÖK 2020"]
    municipal = {}
    for row in rows:
        if row["mottagare_kommunkod"]:
            municipal.setdefault(row["mottagare"], []).append(Decimal(row["belopp"]))
    seed = seed_municipal()
    assert set(municipal) == set(seed)
    for name, (plans, knowledge, _rounded) in seed.items():
        assert sorted(municipal[name]) == sorted([plans, knowledge]), name
    county = sorted(Decimal(r["belopp"]) for r in rows if not r["mottagare_kommunkod"])
    assert county == sorted(seed_decimal(amount) for amount in SEED_COUNTY_JOINT)
    vansbro = next(r for r in rows if r["mottagare"] == "Vansbro")
    assert vansbro["mottagare_kommunkod"] == "2021"
    assert vansbro["ar"] == "2020"


def test_json_amounts_are_the_csvs_to_the_ore(demo, client):
    args = ["dalarna", "fordelning"]
    rows = csv_rows(client.get(reverse("opendata:csv", args=args)))
    data = json.loads(client.get(reverse("opendata:json", args=args)).content)
    assert [Decimal(r["belopp"]) for r in rows] == [
        Decimal(str(r["belopp"])).quantize(Decimal("0.01")) for r in data
    ]


def test_no_users_name_or_email_is_in_any_file(downloads):
    """Nor any contact person's (tests.people)."""
    people = private_texts()
    assert people
    for path, (_media, response) in downloads.items():
        text = response.content.decode("utf-8")
        leaked = [person for person in people if person in text]
        assert not leaked, (path, leaked)


def test_a_signed_in_user_of_another_region_reads_the_public_files_too(demo, client):
    client.force_login(User.objects.get(username="blekinge-lanssamordnare"))
    response = client.get(reverse("opendata:csv", args=["dalarna", "fordelning"]))
    assert response.status_code == 200
    assert any(row["mottagare"] == "Vansbro" for row in csv_rows(response))


def test_an_unknown_region_or_dataset_is_404(demo, client):
    assert client.get("/datasets/narnia/fordelning.csv").status_code == 404
    assert client.get("/datasets/dalarna/losenord.csv").status_code == 404
    assert client.get("/datasets/losenord/readme").status_code == 404


def test_csv_takes_the_same_number_of_queries_however_many_rows(
    demo, client, django_assert_max_num_queries
):
    # Dalarna (many shares) and Västra Götaland: the query count does not grow with the rows.
    counts = {}
    for region in ("dalarna", "vastra-gotaland"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("opendata:csv", args=[region, "fordelning"]))
        counts[region] = (len(queries), len(csv_rows(response)))
    assert counts["dalarna"][0] == counts["vastra-gotaland"][0], counts
    assert counts["dalarna"][1] != counts["vastra-gotaland"][1], counts


def test_the_open_data_page_links_every_regions_files(demo, client):
    from django.urls import reverse

    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    page = response.content.decode()
    assert reverse("opendata:catalogue") in page
    assert reverse("opendata:csv", args=["dalarna", "fordelning"]) in page
    assert reverse("opendata:readme", args=["fordelning"]) in page


def test_a_recipient_is_named_by_its_organisation_number_once_the_region_gives_it(demo, client):
    from pusselbit.core.scoping import scopes_disabled
    from pusselbit.organisations.domain import update_organisation
    from pusselbit.organisations.models import Organisation

    with scopes_disabled():
        vansbro = Organisation.objects.get(region__slug="dalarna", name="Vansbro")
        update_organisation(vansbro, actor=None, organisation_number="2120002270")
    rows = csv_rows(client.get(reverse("opendata:csv", args=["dalarna", "fordelning"])))
    numbers = {
        row["mottagare_organisationsnummer"] for row in rows if row["mottagare"] == "Vansbro"
    }
    assert numbers == {"212000-2270"}
    api = client.get("/api/v1/regions/dalarna/allocations", {"limit": 100}).json()["items"]
    assert {i["recipientOrganisationNumber"] for i in api if i["recipient"] == "Vansbro"} == {
        "212000-2270"
    }
