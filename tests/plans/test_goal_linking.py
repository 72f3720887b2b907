"""The goal page at scale: initiatives to link are found with a search and offered a few at a
time, the linked ones are paginated, and links go through the domain (audited) and stay
within the region."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.models import Initiative
from pusselbit.plans import domain
from pusselbit.plans.queries import LINK_HITS
from tests.factories import initiative_copies
from tests.initiatives import conftest as initiative_fixtures

pytestmark = pytest.mark.django_db

workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def coordinator(people):
    return people["county_coordinator"]


@pytest.fixture
def goal(blekinge, coordinator):
    plan = domain.create_plan(blekinge, "Handlingsplan", 2018, 2020, actor=coordinator)
    return domain.add_goal(plan, plan.focus_areas.get(number=3), "3:2", "Mål", actor=coordinator)


@pytest.fixture
def goal_url(blekinge, goal):
    return reverse("plans:goal", args=[blekinge.slug, goal.pk])


def link_buttons(html) -> int:
    return len(re.findall(r'name="initiative" value="\d+"', html))


def unlink_forms(html) -> int:
    return html.count("/ta-bort/")


def test_500_unlinked_initiatives_offer_only_the_search_hits(
    client, coordinator, goal_url, make_initiative
):
    initiative_copies(make_initiative(), 500, numbered=True)
    client.force_login(coordinator)
    html = client.get(goal_url).content.decode()
    assert "<select" not in html
    assert link_buttons(html) == LINK_HITS
    assert f"Only the first {LINK_HITS} hits are shown" in html
    html = client.get(goal_url, {"sok": "kopia 49"}).content.decode()  # 49, 490 … 499
    assert link_buttons(html) == 11
    assert "Only the first" not in html


def test_search_finds_by_registration_number_and_says_when_nothing_matches(
    client, coordinator, goal_url, make_initiative
):
    wanted = make_initiative(title="Ångestskola")
    other = make_initiative(title="Mobilt team")
    for initiative, number in [(wanted, "RB 2026/777"), (other, "RB 2026/12")]:
        Initiative.objects.filter(pk=initiative.pk).update(registration_number=number)
    client.force_login(coordinator)
    html = client.get(goal_url, {"sok": "2026/777"}).content.decode()
    assert link_buttons(html) == 1 and f'value="{wanted.pk}"' in html
    assert link_buttons(client.get(goal_url, {"sok": "ångest"}).content.decode()) == 1
    html = client.get(goal_url, {"sok": "finns inte"}).content.decode()
    assert link_buttons(html) == 0
    assert "No initiative left to link matches “finns inte”." in html


def test_linking_through_the_page_is_audited(client, coordinator, goal, goal_url, make_initiative):
    initiative = make_initiative(title="Brukarråd")
    client.force_login(coordinator)
    response = client.post(goal_url + "?sok=bruk", {"initiative": initiative.pk})
    assert response.url == goal_url + "#initiatives"
    assert list(goal.initiatives.all()) == [initiative]
    entry = AuditEntry.objects.get(action="initiative.goal_linked")
    assert (entry.actor, entry.target) == (coordinator, initiative)
    assert "3:2" in entry.data["goal"]


@pytest.mark.parametrize("sent", [{}, {"initiative": "abc"}, {"initiative": "99999999"}])
def test_bad_input_is_a_message_by_the_search_field(
    client, coordinator, goal, goal_url, make_initiative, sent
):
    make_initiative(title="Brukarråd")
    client.force_login(coordinator)
    response = client.post(goal_url + "?sok=bruk", sent)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'field--error">\s*<label for="id_sok">', html)
    assert 'href="#id_sok"' in html  # the error summary leads to it
    assert 'value="bruk"' in html and link_buttons(html) == 1  # the search is kept
    assert not goal.initiatives.exists()


def test_an_already_linked_initiative_is_refused(
    client, coordinator, goal, goal_url, make_initiative
):
    initiative = make_initiative()
    domain.link_initiative(goal, initiative, actor=coordinator)
    client.force_login(coordinator)
    response = client.post(goal_url, {"initiative": initiative.pk})
    assert response.status_code == 200
    assert "That initiative cannot be linked" in response.content.decode()
    assert AuditEntry.objects.filter(action="initiative.goal_linked").count() == 1


def test_a_search_too_long_is_a_message_not_an_error(client, coordinator, goal_url):
    client.force_login(coordinator)
    response = client.get(goal_url, {"sok": "x" * 101})
    assert response.status_code == 200
    assert re.search(r'field--error">\s*<label for="id_sok">', response.content.decode())


def test_linked_initiatives_are_paginated(client, coordinator, goal, goal_url, make_initiative):
    goal.initiatives.add(*initiative_copies(make_initiative(), 120, numbered=True))
    client.force_login(coordinator)
    html = client.get(goal_url).content.decode()
    assert unlink_forms(html) == 50
    assert 'aria-label="Pages of initiatives serving the goal"' in html
    assert unlink_forms(client.get(goal_url, {"page": "3"}).content.decode()) == 20


def test_goal_page_reads_in_a_fixed_number_of_queries_with_many_to_link(
    client, coordinator, goal, goal_url, make_initiative
):
    client.force_login(coordinator)
    first = make_initiative()
    goal.initiatives.add(first)

    def count(**params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(goal_url, params).status_code == 200
        return len(queries)

    one, searched = count(), count(sok="kopia")
    goal.initiatives.add(*initiative_copies(first, 120, "Länkad", numbered=True))
    initiative_copies(first, 500, numbered=True)
    assert (count(), count(sok="kopia")) == (one, searched)
