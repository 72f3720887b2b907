"""The DCAT-AP-SE catalogue at /datasets/dcat, read as dataportal.se harvests it: parsed with
rdflib, with the profile's mandatory and recommended properties on the catalogue, every dataset
and every distribution, absolute URIs for them and their publishers and contact points, and a
language tag on every title and description."""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from pusselbit.organisations.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.scoped]

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
HOST = "http://testserver"

CATALOGUE = {
    "mandatory": [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
    "recommended": [
        FOAF.homepage,
        DCTERMS.language,
        DCTERMS.license,
        DCTERMS.spatial,
        DCAT.themeTaxonomy,
    ],
}
DATASET = {
    # DCAT-AP-SE makes the publisher and the contact point mandatory.
    "mandatory": [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint],
    "recommended": [DCAT.distribution, DCAT.keyword, DCAT.theme, DCTERMS.spatial],
    "optional": [DCTERMS.accessRights, DCTERMS.identifier, DCTERMS.language, DCAT.landingPage],
}
DISTRIBUTION = {
    "mandatory": [DCAT.accessURL],
    "recommended": [
        DCTERMS.description,
        DCTERMS.format,
        DCTERMS.license,
        DCATAP.availability,
        DCAT.downloadURL,
        DCAT.mediaType,
    ],
}


@pytest.fixture(scope="module")
def graph(demo_once, django_db_blocker) -> Graph:
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/datasets/dcat")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    return Graph().parse(data=response.content, format="xml")


def _missing(graph, subject, properties) -> list[str]:
    return [str(p) for p in properties if graph.value(subject, p) is None]


def _named(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(HOST + "/")


def test_the_catalogue_has_every_mandatory_and_recommended_property(graph):
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert _named(catalogue)
    assert not _missing(graph, catalogue, CATALOGUE["mandatory"] + CATALOGUE["recommended"])
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert _named(publisher)
    assert graph.value(publisher, FOAF.name) is not None


def test_every_dataset_and_distribution_has_the_profiles_properties(graph):
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert datasets
    problems = []
    for dataset in datasets:
        wanted = DATASET["mandatory"] + DATASET["recommended"] + DATASET["optional"]
        problems += [f"{dataset} {p}" for p in _missing(graph, dataset, wanted)]
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 3, dataset  # CSV, JSON and the README
        for distribution in distributions:
            wanted = DISTRIBUTION["mandatory"] + DISTRIBUTION["recommended"]
            problems += [f"{distribution} {p}" for p in _missing(graph, distribution, wanted)]
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            assert graph.value(distribution, DCTERMS.license) == CC0
    assert not problems, "\n".join(problems)


def test_no_blank_nodes_for_catalogue_datasets_distributions_publishers_or_contacts(graph):
    nodes = [
        *graph.subjects(RDF.type, DCAT.Catalog),
        *graph.subjects(RDF.type, DCAT.Dataset),
        *graph.subjects(RDF.type, DCAT.Distribution),
        *graph.objects(None, DCTERMS.publisher),
        *graph.objects(None, DCAT.contactPoint),
        *graph.objects(None, DCAT.distribution),
        *graph.objects(None, DCAT.dataset),
        *graph.objects(None, DCAT.accessURL),
        *graph.objects(None, DCAT.downloadURL),
    ]
    assert nodes
    assert all(_named(node) for node in nodes), [n for n in nodes if not _named(n)]


def test_every_title_description_and_name_has_a_language_tag_in_swedish_and_english(graph):
    for predicate in (DCTERMS.title, DCTERMS.description, FOAF.name, VCARD.fn, DCAT.keyword):
        by_subject = {}
        for subject, literal in graph.subject_objects(predicate):
            assert isinstance(literal, Literal) and literal.language in ("sv", "en"), (
                subject,
                predicate,
                literal,
            )
            by_subject.setdefault(subject, set()).add(literal.language)
        assert by_subject and all(langs == {"sv", "en"} for langs in by_subject.values())


def test_each_region_with_data_publishes_at_least_five_datasets_with_a_contact(graph):
    by_publisher = {}
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        by_publisher.setdefault(graph.value(dataset, DCTERMS.publisher), []).append(dataset)
    names = {str(graph.value(p, FOAF.name)) for p in by_publisher}
    with_data = Region.objects.filter(slug__in=["dalarna", "vastra-gotaland"])
    assert {region.name for region in with_data} <= names
    for publisher, datasets in by_publisher.items():
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert len(datasets) >= 5
        contact = graph.value(datasets[0], DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in graph
        assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")


def test_absolute_uris_follow_the_requests_host(demo, client, settings):
    settings.ALLOWED_HOSTS = ["data.example.se"]
    response = client.get("/datasets/dcat", HTTP_HOST="data.example.se")
    graph = Graph().parse(data=response.content, format="xml")
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(catalogue) == "http://data.example.se/datasets/dcat"


def test_the_api_is_a_data_service_serving_every_dataset(graph, client):
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    service = graph.value(catalog, DCAT.service)
    assert (service, RDF.type, DCAT.DataService) in graph and _named(service)
    endpoint = graph.value(service, DCAT.endpointURL)
    description = graph.value(service, DCAT.endpointDescription)
    assert str(endpoint) == f"{HOST}/api/v1/"
    assert client.get(str(description).removeprefix(HOST)).status_code == 200
    assert graph.value(service, DCTERMS.license) == CC0
    served = set(graph.objects(service, DCAT.servesDataset))
    assert served == set(graph.subjects(RDF.type, DCAT.Dataset)) and served
