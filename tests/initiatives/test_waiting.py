"""What waits for the user: the start page shows the count and the newest few per region, and
a paginated page in each region lists them all, whatever their number."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.queries.waiting import NEWEST
from tests.factories import initiative_copies

pytestmark = pytest.mark.django_db

WAITING_URL = reverse("initiatives:waiting", args=["blekinge"])


def detail_links(html) -> int:
    return len(re.findall(r'href="/regioner/blekinge/satsningar/\d+/"', html))


def get(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def coordinator(client, people):
    """The county coordinator may take the idea stage's first step: ideas wait for them."""
    client.force_login(people["county_coordinator"])
    return people["county_coordinator"]


def test_start_page_shows_the_newest_few_and_the_count(client, coordinator, make_initiative):
    first = make_initiative(title="Den första")
    html, few = get(client, reverse("start:start"))
    assert "1 initiative waits for a step of yours." in html
    assert "Den första" in html
    assert f'href="{WAITING_URL}">The initiative waiting for you in' in html

    initiative_copies(first, 499, "Väntande")
    newest = Initiative.objects.order_by("-updated_at", "-pk")[:NEWEST]
    html, many = get(client, reverse("start:start"))
    assert detail_links(html) == NEWEST
    assert all(initiative.title in html for initiative in newest)
    assert "500 initiatives wait for a step of yours." in html
    assert f'href="{WAITING_URL}">All 500 waiting for you in' in html
    assert many == few


def test_the_full_list_shows_one_page_of_50(client, coordinator, make_initiative):
    first = make_initiative(title="Den första")
    html, few = get(client, WAITING_URL)
    assert detail_links(html) == 1 and "Den första" in html

    initiative_copies(first, 499, "Väntande")
    html, many = get(client, WAITING_URL)
    assert detail_links(html) == 50
    assert "500 initiatives wait for a step of yours." in html
    assert 'aria-current="page"' in html
    assert many == few
    html, _queries = get(client, WAITING_URL, page="10")
    assert detail_links(html) == 50 and "Den första" in html  # the oldest, last


def test_the_full_list_has_only_what_waits_for_the_user(client, people, make_initiative):
    make_initiative("rekommendation", title="Väntar på LSVO")
    make_initiative("ide", title="Ett utkast")
    client.force_login(people["lsvo_member"])
    html, _queries = get(client, WAITING_URL)
    assert "Väntar på LSVO" in html and "Ett utkast" not in html


def test_another_regions_user_gets_404(client, charlie, make_initiative):
    make_initiative()
    client.force_login(charlie)
    assert client.get(WAITING_URL).status_code == 404
