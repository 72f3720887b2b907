"""The public pages on the demo: what is shown anonymously, what never is, and what a
withholding leaves. Each test's writes are rolled back with it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.formatting import format_money
from pusselbit.funds.models import Agreement
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.models import Region
from pusselbit.public import plans as public_plans
from pusselbit.public import publishing
from pusselbit.public.domain import lift_withholding, withhold_initiative
from tests.people import private_texts

pytestmark = pytest.mark.django_db
DECIDED = "Samtalsstöd inom en vecka för unga vuxna"


@pytest.fixture
def anonymous():
    return Client()


def _decided(slug="dalarna"):
    return Initiative.objects.get(region__slug=slug, title=DECIDED)


def _undecided(slug):
    """The region's initiatives without an approving decision: the demo's ideas but DECIDED
    (the demo's library, demo.library, is all decided)."""
    return Initiative.objects.filter(region__slug=slug).exclude(decisions__outcome="approved")


def _coordinator(slug="dalarna"):
    return User.objects.get(username=f"{slug}-lanssamordnare")


def _public_urls():
    """Every public page of every demo region, the start page and Lär av andra."""
    urls = [reverse("public:start"), reverse("learning:learn")]
    for region in Region.objects.filter(initiatives__isnull=False).distinct():
        urls += [
            reverse("public:initiatives", args=[region.slug]),
            reverse("public:money", args=[region.slug]),
            reverse("public:plans", args=[region.slug]),
            reverse("public:documents", args=[region.slug]),
        ]
        for plan in public_plans.adopted(region):
            urls.append(reverse("public:plan", args=[region.slug, plan.pk]))
        for initiative in publishing.decided(region):
            urls.append(reverse("public:initiative", args=[region.slug, initiative.pk]))
        for agreement in Agreement.objects.filter(funds__region=region).distinct():
            urls.append(reverse("public:agreement", args=[region.slug, agreement.pk]))
    return urls


def test_start_lists_every_region_and_links_those_with_content(demo_once, anonymous):
    response = anonymous.get(reverse("public:start"))
    text = response.content.decode()
    assert response.status_code == 200
    assert all(region.name in text for region in Region.objects.all())
    assert Region.objects.count() == 21
    assert reverse("public:initiatives", args=["dalarna"]) in text
    assert reverse("public:initiatives", args=["gotland"]) not in text


def test_public_pages_are_cacheable_for_the_anonymous(demo_once, anonymous):
    for url in _public_urls():
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        assert 'href="/datasets/"' in response.content.decode(), url


def test_only_decided_initiatives_are_listed(demo_once, anonymous):
    text = anonymous.get(reverse("public:initiatives", args=["dalarna"])).content.decode()
    assert DECIDED in text
    for undecided in _undecided("dalarna"):
        assert undecided.title not in text


def test_an_undecided_initiative_is_404(demo_once, anonymous):
    undecided = _undecided("dalarna").first()
    url = reverse("public:initiative", args=["dalarna", undecided.pk])
    assert anonymous.get(url).status_code == 404


def test_another_regions_initiative_is_404_under_this_region(demo_once, anonymous):
    url = reverse("public:initiative", args=["blekinge", _decided("dalarna").pk])
    assert anonymous.get(url).status_code == 404


def test_the_initiative_page_shows_the_decision(demo_once, anonymous):
    initiative = _decided()
    decision = initiative.decisions.get()
    text = anonymous.get(reverse("public:initiative", args=["dalarna", initiative.pk])).content
    text = text.decode()
    assert decision.registration_number in text
    assert format_money(decision.budget) in text
    for participant in initiative.participants.all():
        assert participant.organisation.name in text


def test_no_person_appears_on_any_public_page(demo_once, anonymous):
    """Every user's name and e-mail, and every contact person's, is absent from every page."""
    secrets = private_texts()
    assert secrets
    for url in _public_urls():
        text = anonymous.get(url).content.decode()
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, f"{url}: {leaked}"


def test_a_withheld_initiative_shows_only_the_notice(demo_once, anonymous):
    initiative = _decided()
    withhold_initiative(initiative, actor=_coordinator(), reason="OSL 21 kap. 1 §")
    page = anonymous.get(reverse("public:initiative", args=["dalarna", initiative.pk]))
    listing = anonymous.get(reverse("public:initiatives", args=["dalarna"])).content.decode()
    assert page.status_code == 200
    assert "OSL 21 kap. 1 §" in page.content.decode()
    assert initiative.title not in page.content.decode()
    assert initiative.title not in listing
    assert "1 beslutad satsning är undantagen" in listing


def test_a_lifted_withholding_publishes_again(demo_once, anonymous):
    initiative = _decided()
    withholding = withhold_initiative(initiative, actor=_coordinator(), reason="OSL 21 kap. 1 §")
    lift_withholding(withholding, actor=_coordinator(), reason="Sekretessen har upphört.")
    text = anonymous.get(reverse("public:initiatives", args=["dalarna"])).content.decode()
    assert initiative.title in text


def test_the_filters_narrow_and_bad_values_are_no_error(demo_once, anonymous):
    url = reverse("public:initiatives", args=["dalarna"])
    assert DECIDED in anonymous.get(url, {"q": "Samtalsstöd"}).content.decode()
    assert DECIDED not in anonymous.get(url, {"q": "inget sådant"}).content.decode()
    assert DECIDED in anonymous.get(url, {"year": "2020"}).content.decode()
    response = anonymous.get(url, {"year": "x", "direction": "'", "page": "-1", "stage": "9e9"})
    assert response.status_code == 200


def test_the_money_page_of_an_agreement_has_the_tables_and_the_chart(demo_once, anonymous):
    agreement = Agreement.objects.get(name="ÖK 2020")
    text = anonymous.get(reverse("public:agreement", args=["dalarna", agreement.pk]))
    text = text.content.decode()
    assert "Falun" in text and "<figure" in text and "<table" in text
    assert reverse("funds:allocate", args=["dalarna", 1])[:-2] not in text


def test_the_list_takes_as_many_queries_with_one_initiative_as_with_many(demo_once, anonymous):
    url = reverse("public:initiatives", args=["dalarna"])
    with CaptureQueriesContext(connection) as one:
        anonymous.get(url)
    initiative = _decided()
    for number in range(30):
        copy = Initiative.objects.get(pk=initiative.pk)
        copy.pk = None
        copy.title = f"Kopia {number}"
        copy.save()
        copy.directions.set(initiative.directions.all())
        for decision in initiative.decisions.all():
            decision.pk, decision.initiative = None, copy
            decision.registration_number = f"X-{number}"
            decision._state.adding = True
            decision.save()
    with CaptureQueriesContext(connection) as many:
        text = anonymous.get(url).content.decode()
    assert "Kopia 29" in text
    assert len(many) == len(one)


def test_an_anonymous_public_page_carries_nothing_personal_for_shared_caches(demo_once):
    # No CSRF token or cookie (the language switch needs none), so a shared cache may keep it.
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.get(reverse("public:initiatives", args=["dalarna"]))
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    switched = anonymous.post(reverse("set_language"), {"language": "en", "next": "/insyn/"})
    assert switched.status_code == 302 and switched["Location"] == "/insyn/"
    assert anonymous.get("/insyn/")["Content-Language"] == "en"
    # Its `next` is never another site's address.
    away = anonymous.post(
        reverse("set_language"), {"language": "sv", "next": "https://evil.example/"}
    )
    assert not away["Location"].startswith("https://evil.example")


def test_the_lists_decision_dates_are_the_publishing_rules(demo_once):
    """published_dates (the list's one query over decisions) agrees with published() for every
    region, also once a record is withheld."""
    withhold_initiative(_decided(), actor=_coordinator(), reason="OSL 21 kap. 1 §")
    for region in Region.objects.all():
        expected = dict(publishing.published(region).values_list("pk", "decided_on"))
        assert publishing.published_dates(region) == expected, region.slug
    assert _decided().pk not in publishing.published_dates(_decided().region)
