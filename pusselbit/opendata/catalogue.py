"""The DCAT-AP-SE 3.0.1 catalogue of the open datasets, as an rdflib graph: the address
dataportal.se harvests (/datasets/dcat).

Every catalogue, dataset, distribution, publisher and contact point has an absolute URI on the
site's address (core.middleware.site_url: the request's host, else SITE_URL), never a blank
node, so a harvester recognises them from one harvest to the next. Every free text is given in
Swedish and English with its language tag. Each region with public data is the publisher of its
datasets; the controlled vocabularies are the EU Publications Office's authority tables, as the
profile asks."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from pusselbit.core.middleware import site_url
from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.models import Region
from pusselbit.public import plans as public_plans
from pusselbit.public import publishing

from .base import Dataset
from .datasets import DATASETS

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
STABLE = URIRef(EU + "planned-availability/STABLE")
IRREGULAR = URIRef(EU + "frequency/IRREG")
PUBLIC_BODY = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
THEMES = (URIRef(EU + "data-theme/GOVE"), URIRef(EU + "data-theme/HEAL"))
LANGUAGES = (URIRef(EU + "language/SWE"), URIRef(EU + "language/ENG"))
SWEDEN = URIRef(EU + "country/SWE")
# DIGG's national REST API profile, which the API follows.
API_PROFILE = "https://dev.dataportal.se/rest-api-profil"

# County code → the county's NUTS 3 code, for each dataset's dct:spatial (the EU's own place
# URIs; a county not listed falls back to Sweden).
NUTS = {
    "01": "SE110", "03": "SE121", "04": "SE122", "05": "SE123", "06": "SE211", "07": "SE212",
    "08": "SE213", "09": "SE214", "10": "SE221", "12": "SE224", "13": "SE231", "14": "SE232",
    "17": "SE311", "18": "SE124", "19": "SE125", "20": "SE312", "21": "SE313", "22": "SE321",
    "23": "SE322", "24": "SE331", "25": "SE332",
}  # fmt: skip

# (extension, title sv, title en, media type, EU file type)
FORMATS = (
    ("csv", "CSV-fil", "CSV file", "text/csv", "CSV"),
    ("json", "JSON-fil", "JSON file", "application/json", "JSON"),
)


def regions_with_data():
    """The regions that have funds, an adopted action plan or a decided initiative: each
    publishes its datasets. (The subqueries are made here, where the scoping is off, and run
    with the region's query whenever it runs.)"""
    with scopes_disabled():
        plans = public_plans.adopted_anywhere().values("region")
        decided = publishing.decided_anywhere().values("region")
    return (
        Region.objects.filter(Q(funds__isnull=False) | Q(pk__in=plans) | Q(pk__in=decided))
        .distinct()
        .order_by("code")
    )


def _both(graph, subject, predicate, sv: str, en: str):
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def _uri(path: str) -> URIRef:
    return URIRef(site_url(path))


def _publisher(graph, catalogue_uri: str, region) -> tuple[URIRef, URIRef]:
    """The region as foaf:Agent and its contact point, on URIs fixed by the county code."""
    agent = URIRef(f"{catalogue_uri}#region-{region.code}")
    graph.add((agent, RDF.type, FOAF.Agent))
    _both(graph, agent, FOAF.name, region.name, region.name)
    graph.add((agent, DCTERMS.type, PUBLIC_BODY))
    contact = URIRef(f"{catalogue_uri}#kontakt-region-{region.code}")
    graph.add((contact, RDF.type, VCARD.Organization))
    _both(graph, contact, VCARD.fn, region.name, region.name)
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}")))
    return agent, contact


def _dataset(graph, region, dataset: Dataset, agent, contact) -> URIRef:
    uri = _uri(f"/datasets/{region.slug}/{dataset.slug}")
    readme = _uri(reverse("opendata:readme", kwargs={"dataset": dataset.slug}))
    graph.add((uri, RDF.type, DCAT.Dataset))
    graph.add((uri, DCTERMS.identifier, Literal(str(uri))))
    _both(
        graph,
        uri,
        DCTERMS.title,
        f"{dataset.title_sv}, {region.name}",
        f"{dataset.title_en}, {region.name}",
    )
    _both(graph, uri, DCTERMS.description, dataset.description_sv, dataset.description_en)
    for keyword in dataset.keywords_sv:
        graph.add((uri, DCAT.keyword, Literal(keyword, lang="sv")))
    for keyword in dataset.keywords_en:
        graph.add((uri, DCAT.keyword, Literal(keyword, lang="en")))
    for theme in THEMES:
        graph.add((uri, DCAT.theme, theme))
    for language in LANGUAGES:
        graph.add((uri, DCTERMS.language, language))
    graph.add((uri, DCTERMS.publisher, agent))
    graph.add((uri, DCAT.contactPoint, contact))
    nuts = NUTS.get(region.code)
    graph.add(
        (
            uri,
            DCTERMS.spatial,
            URIRef(f"http://data.europa.eu/nuts/code/{nuts}") if nuts else SWEDEN,
        )
    )
    graph.add((uri, DCTERMS.accessRights, PUBLIC))
    graph.add((uri, DCTERMS.accrualPeriodicity, IRREGULAR))
    graph.add((uri, DCAT.landingPage, readme))
    for extension, title_sv, title_en, media_type, file_type in FORMATS:
        download = _uri(
            reverse(
                f"opendata:{extension}", kwargs={"region": region.slug, "dataset": dataset.slug}
            )
        )
        _distribution(
            graph, uri, f"{uri}#{extension}", download, title_sv, title_en, media_type, file_type
        )
    _distribution(
        graph, uri, f"{uri}#readme", readme, "Beskrivning av kolumnerna (README)",
        "Description of the columns (README)", "text/plain", "TXT",
    )  # fmt: skip
    return uri


def _distribution(graph, dataset, uri, download, title_sv, title_en, media_type, file_type):
    distribution = URIRef(uri)
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    _both(graph, distribution, DCTERMS.title, title_sv, title_en)
    _both(
        graph,
        distribution,
        DCTERMS.description,
        f"{title_sv}, hämtas direkt från Pusselbit och är alltid aktuell.",
        f"{title_en}, served from Pusselbit and always up to date.",
    )
    graph.add((distribution, DCAT.accessURL, download))
    graph.add((distribution, DCAT.downloadURL, download))
    graph.add(
        (
            distribution,
            DCAT.mediaType,
            URIRef(f"http://www.iana.org/assignments/media-types/{media_type}"),
        )
    )
    graph.add((distribution, DCTERMS.format, URIRef(EU + f"file-type/{file_type}")))
    graph.add((distribution, DCTERMS.license, CC0))
    graph.add((distribution, DCATAP.availability, STABLE))


def catalogue() -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("dcatap", DCATAP)
    uri = site_url(reverse("opendata:catalogue"))
    catalog = URIRef(uri)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _both(graph, catalog, DCTERMS.title, "Pusselbit – öppna data", "Pusselbit – open data")
    _both(
        graph,
        catalog,
        DCTERMS.description,
        "Regionernas öppna data om stimulansmedel, satsningar och handlingsplaner för psykisk "
        "hälsa: fördelning, rekvisitioner, återbetalning, beslutade satsningar, "
        "handlingsplanernas mål och indikatorvärden.",
        "The regions' open data on state stimulus funds, initiatives and action plans for "
        "mental health: allocations, requisitions, repayments, decided initiatives, the action "
        "plans' goals and indicator values.",
    )
    operator = URIRef(f"{uri}#utgivare")
    graph.add((operator, RDF.type, FOAF.Agent))
    _both(graph, operator, FOAF.name, "Pusselbit", "Pusselbit")
    graph.add((catalog, DCTERMS.publisher, operator))
    graph.add((catalog, FOAF.homepage, _uri("/")))
    graph.add((catalog, DCTERMS.license, CC0))
    graph.add((catalog, DCTERMS.spatial, SWEDEN))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    for language in LANGUAGES:
        graph.add((catalog, DCTERMS.language, language))
    datasets = []
    for region in regions_with_data():
        agent, contact = _publisher(graph, uri, region)
        for dataset in DATASETS:
            datasets.append(_dataset(graph, region, dataset, agent, contact))
            graph.add((catalog, DCAT.dataset, datasets[-1]))
    graph.add((catalog, DCAT.service, _api(graph, uri, operator, datasets)))
    return graph


def _api(graph, catalogue_uri: str, operator, datasets) -> URIRef:
    """The REST API as a dcat:DataService serving every dataset (pusselbit.api): its address,
    its OpenAPI description and the national profile it follows."""
    service = URIRef(f"{catalogue_uri}#api")
    graph.add((service, RDF.type, DCAT.DataService))
    _both(graph, service, DCTERMS.title, "Pusselbits API", "Pusselbit's API")
    _both(
        graph,
        service,
        DCTERMS.description,
        "REST-API enligt DIGG:s REST API-profil med samma uppgifter som filerna, sidvis med "
        "limit och offset.",
        "A REST API by DIGG's REST API profile with the same records as the files, paged with "
        "limit and offset.",
    )
    graph.add((service, DCAT.endpointURL, _uri("/api/v1/")))
    graph.add((service, DCAT.endpointDescription, _uri("/api/v1/openapi.json")))
    graph.add((service, DCTERMS.conformsTo, URIRef(API_PROFILE)))
    graph.add((service, DCTERMS.publisher, operator))
    graph.add((service, DCTERMS.license, CC0))
    graph.add((service, DCTERMS.accessRights, PUBLIC))
    for theme in THEMES:
        graph.add((service, DCAT.theme, theme))
    for dataset in datasets:
        graph.add((service, DCAT.servesDataset, dataset))
    return service
