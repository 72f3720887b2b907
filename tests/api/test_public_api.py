"""The public resources of the REST API on the demo, read anonymously, as an outsider would:
what they answer, what they never answer, and how errors look."""

import datetime
import json
from decimal import Decimal

import pytest

from pusselbit.accounts.models import User
from pusselbit.initiatives.models import Initiative, Participant
from pusselbit.opendata import datasets, records
from pusselbit.organisations.models import Region
from pusselbit.public import publishing
from pusselbit.public.domain import withhold_initiative
from tests.people import private_texts

pytestmark = pytest.mark.django_db
DECIDED = "Samtalsstöd inom en vecka för unga vuxna"


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def _problem(response, status):
    assert response["Content-Type"] == "application/problem+json"
    body = _json(response, status)
    assert body["status"] == status and body["title"]
    return body


def test_api_info_names_the_api_as_digg_asks(demo_once, anonymous):
    info = _json(anonymous.get("/api/v1/api-info"))
    assert info["apiName"] == "Pusselbit" and info["apiVersion"] == "1.0.0"
    assert info["apiStatus"] == "active"
    datetime.date.fromisoformat(info["apiReleased"])
    assert info["apiDocumentation"].endswith("/api/v1/openapi.json")


def test_the_openapi_description_is_3_1_in_swedish_and_english(anonymous):
    schema = _json(anonymous.get("/api/v1/openapi.json"))
    assert schema["openapi"].startswith("3.1.")
    info = schema["info"]
    assert {"title", "version", "description", "contact", "license", "termsOfService"} <= set(info)
    assert "Svenska" in info["description"] and "English" in info["description"]
    assert "Begränsningar" in info["description"] and "Limitations" in info["description"]
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        assert path == path.lower() and "_" not in path.split("{")[0], path
        for operation in operations.values():
            assert operation["description"] and " / " in operation["summary"], path
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], path


def test_regions_are_paged_with_limit_and_offset(demo_once, anonymous):
    first = _json(anonymous.get("/api/v1/regions", {"limit": 5}))
    assert first["count"] == Region.objects.count() == 21
    assert len(first["items"]) == 5 and first["limit"] == 5 and first["offset"] == 0
    rest = _json(anonymous.get("/api/v1/regions", {"limit": 100, "offset": 5}))
    slugs = [r["slug"] for r in first["items"] + rest["items"]]
    assert len(set(slugs)) == 21 and "dalarna" in slugs
    assert _json(anonymous.get("/api/v1/regions"))["limit"] == 20  # the profile's default


@pytest.mark.parametrize(
    "query", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}, {"offset": 10**20}]
)
def test_bad_paging_is_a_problem_naming_the_parameter(demo_once, anonymous, query):
    body = _problem(anonymous.get("/api/v1/regions", query), 400)
    assert body["invalidParams"][0]["name"] == next(iter(query))


def test_the_initiatives_are_the_public_pages_list(demo_once, anonymous):
    dalarna = Region.objects.get(slug="dalarna")
    body = _json(anonymous.get("/api/v1/regions/dalarna/initiatives"))
    expected = publishing.initiative_slice(dalarna, publishing.Filters(), 0, 100)
    assert body["count"] == expected[0] >= 1
    assert [i["id"] for i in body["items"]] == [s.pk for s in expected[1]]
    item = next(i for i in body["items"] if i["title"] == DECIDED)
    assert item["publicPage"].endswith(f"/insyn/dalarna/satsningar/{item['id']}/")
    assert set(item) == {
        "id", "title", "summary", "decidedOn", "stage", "directions", "organisations",
        "publicPage",
    }  # fmt: skip
    undecided = Initiative.objects.filter(region=dalarna).exclude(
        pk__in=[i["id"] for i in body["items"]]
    )
    assert undecided.exists()


def test_the_filters_take_codes_and_an_unknown_code_finds_nothing(demo_once, anonymous):
    url = "/api/v1/regions/dalarna/initiatives"
    item = next(i for i in _json(anonymous.get(url))["items"] if i["title"] == DECIDED)
    code = item["directions"][0]["code"]
    assert item["id"] in [i["id"] for i in _json(anonymous.get(url, {"direction": code}))["items"]]
    assert _json(anonymous.get(url, {"direction": "finnsinte"}))["count"] == 0
    assert _json(anonymous.get(url, {"municipality": "0000"}))["count"] == 0
    falun = Participant.objects.get(initiative_id=item["id"], organisation__name="Falun")
    found = _json(anonymous.get(url, {"municipality": falun.organisation.code}))
    assert item["id"] in [i["id"] for i in found["items"]]
    year = int(item["decidedOn"][:4])
    assert _json(anonymous.get(url, {"year": year}))["count"] >= 1
    assert _json(anonymous.get(url, {"year": year + 1, "q": "Samtalsstöd"}))["count"] == 0
    _problem(anonymous.get(url, {"municipality": "Falun"}), 400)
    _problem(anonymous.get(url, {"q": "a\x00b"}), 400)


def test_one_initiative_has_its_decision_and_measures(demo_once, anonymous):
    initiative = Initiative.objects.get(region__slug="dalarna", title=DECIDED)
    body = _json(anonymous.get(f"/api/v1/regions/dalarna/initiatives/{initiative.pk}"))
    assert body["title"] == DECIDED
    decision = body["decisions"][0]
    assert decision["decidedOn"] == body["decidedOn"]
    assert isinstance(decision["bodies"], list)
    assert "measures" in body and "finalEvaluation" in body


def test_undecided_missing_and_other_regions_initiatives_are_404(demo_once, anonymous):
    dalarna = Region.objects.get(slug="dalarna")
    undecided = Initiative.objects.filter(region=dalarna).exclude(
        pk__in=publishing.decided(dalarna).values("pk")
    )[0]
    blekinges = publishing.decided(Region.objects.get(slug="blekinge"))[0]
    for path in (
        f"/api/v1/regions/dalarna/initiatives/{undecided.pk}",
        f"/api/v1/regions/dalarna/initiatives/{blekinges.pk}",
        "/api/v1/regions/dalarna/initiatives/999999",
        "/api/v1/regions/narnia/initiatives",
        "/api/v1/regions/narnia",
        "/api/v1/satsningar",
    ):
        _problem(anonymous.get(path), 404)


def test_a_withheld_initiative_is_451_with_the_reason_and_left_out_of_the_list(
    demo_once, anonymous
):
    initiative = Initiative.objects.get(region__slug="dalarna", title=DECIDED)
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    withhold_initiative(initiative, actor=coordinator, reason="OSL 21 kap. 1 §")
    body = _problem(anonymous.get(f"/api/v1/regions/dalarna/initiatives/{initiative.pk}"), 451)
    assert body["detail"] == "OSL 21 kap. 1 §"
    assert DECIDED not in json.dumps(body, ensure_ascii=False)
    listing = anonymous.get("/api/v1/regions/dalarna/initiatives").content.decode()
    assert str(initiative.pk) not in [str(i["id"]) for i in json.loads(listing)["items"]]


def test_the_money_resources_are_the_open_data_rows(demo_once, anonymous):
    dalarna = Region.objects.get(slug="dalarna")
    body = _json(anonymous.get("/api/v1/regions/dalarna/allocations", {"limit": 100}))
    rows = datasets.ALLOCATIONS.rows(dalarna)
    assert body["count"] == len(rows) > 0
    assert [Decimal(i["amount"]) for i in body["items"]] == [r["belopp"] for r in rows[:100]]
    year = _json(anonymous.get("/api/v1/regions/dalarna/allocations", {"year": 2020}))
    assert year["count"] == sum(1 for r in rows if r["ar"] == 2020)
    assert all(i["year"] == 2020 for i in year["items"])
    for resource, dataset in (
        ("requisitions", datasets.REQUISITIONS),
        ("repayments", datasets.REPAYMENTS),
        ("indicator-values", records.INDICATOR_VALUES),
        ("action-plan-goals", records.PLAN_GOALS),
    ):
        body = _json(anonymous.get(f"/api/v1/regions/dalarna/{resource}", {"limit": 100}))
        assert body["count"] == len(dataset.rows(dalarna)), resource


def test_amounts_are_exact_decimal_strings(demo_once, anonymous):
    item = _json(anonymous.get("/api/v1/regions/dalarna/allocations"))["items"][0]
    assert isinstance(item["amount"], str) and Decimal(item["amount"]).as_tuple().exponent == -2


def test_public_answers_are_cacheable_and_set_no_cookie(demo_once, anonymous):
    response = anonymous.get("/api/v1/regions/dalarna/initiatives")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies


def test_no_person_appears_in_any_public_resource(demo_once, anonymous):
    """Every user's name and e-mail, and every contact person's, is absent from every answer."""
    secrets = private_texts()
    assert secrets
    paths = ["/api/v1/regions?limit=100"]
    for region in Region.objects.filter(initiatives__isnull=False).distinct():
        base = f"/api/v1/regions/{region.slug}"
        paths += [f"{base}/initiatives?limit=100"]
        paths += [f"{base}/initiatives/{i.pk}" for i in publishing.published(region)]
        paths += [
            f"{base}/{r}?limit=100"
            for r in ("allocations", "requisitions", "repayments", "indicator-values")
        ]
    for path in paths:
        response = anonymous.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        leaked = [s for s in secrets if s in text]
        assert not leaked, (path, leaked)


def test_the_errors_speak_the_clients_language(anonymous):
    body = _problem(anonymous.get("/api/v1/finns-inte", HTTP_ACCEPT_LANGUAGE="sv"), 404)
    assert body["title"] == "Hittades inte"
    body = _problem(anonymous.get("/api/v1/finns-inte", HTTP_ACCEPT_LANGUAGE="en"), 404)
    assert body["title"] == "Not found"


def test_a_page_for_a_list_takes_as_many_queries_however_long_the_list(demo_once, anonymous):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for limit in (1, 20):
        with CaptureQueriesContext(connection) as queries:
            anonymous.get("/api/v1/regions/dalarna/initiatives", {"limit": limit})
        counts.append(len(queries))
    assert counts[0] == counts[1]
