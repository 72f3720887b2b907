"""The public action-plan pages on the demo: Västra Götaland's adopted plan with its goals and
its indicator's values as a chart beside their table, nothing of who recorded them, and a plan
being drafted nowhere."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.initiatives.models import Initiative
from pusselbit.plans import domain as plans
from pusselbit.plans.models import ActionPlan, IndicatorValue
from pusselbit.public import plans as public_plans
from pusselbit.public import publishing

pytestmark = pytest.mark.django_db
REGION = "vastra-gotaland"


@pytest.fixture
def anonymous():
    return Client()


def _plan():
    return ActionPlan.objects.get(region__slug=REGION)


def _coordinator(slug=REGION):
    return User.objects.get(username=f"{slug}-lanssamordnare")


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_list_links_the_adopted_plan(demo_once, anonymous):
    plan = _plan()
    response = anonymous.get(reverse("public:plans", args=[REGION]))
    text = response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert reverse("public:plan", args=[REGION, plan.pk]) in text
    assert plan.adopted_by in text


def test_the_plan_page_shows_goals_indicators_and_each_value_in_a_chart_and_table(
    demo_once, anonymous
):
    plan = _plan()
    response = anonymous.get(reverse("public:plan", args=[REGION, plan.pk]))
    text = response.content.decode()
    assert "public" in response["Cache-Control"]
    for goal in plan.goals.all():
        assert goal.label in text
    indicator = plan.indicators.get()
    assert indicator.name in text
    assert f'id="indicator-{indicator.pk}-chart' in text and "<svg" in text
    table = text[text.index("<table") :]
    for value in indicator.values.all():
        assert f"<td>{value.period_label}</td>" in table or value.period_label in table
        assert value.source in table
    assert "34" in table and "47" in table and "58" in table
    # Its open data: the indicator values and the goals, as CSV and JSON.
    assert reverse("opendata:csv", args=[REGION, "indikatorvarden"]) in text
    assert reverse("opendata:json", args=[REGION, "handlingsplan-mal"]) in text


def test_the_plan_page_shows_no_person_and_not_who_recorded_a_value(demo_once, anonymous):
    recorders = User.objects.filter(pk__in=IndicatorValue.objects.values("recorded_by")).distinct()
    assert recorders
    secrets = {
        text
        for user in User.objects.all()
        for text in (user.get_full_name(), user.email, user.username)
        if text and len(text) > 3
    }
    for url in (
        reverse("public:plans", args=[REGION]),
        reverse("public:plan", args=[REGION, _plan().pk]),
    ):
        page = _text(anonymous, url)
        leaked = [secret for secret in secrets if secret in page]
        assert not leaked, (url, leaked)


def test_the_plan_read_has_no_private_field(demo_once):
    plan = public_plans.public_plan(_plan().region, _plan().pk)
    value = plan.indicators[0].values[0]
    assert set(vars(value)) == {"period", "period_label", "value", "source"}


def test_a_plan_being_drafted_is_neither_listed_nor_found_until_adopted(demo_once, anonymous):
    region = _plan().region
    draft = plans.create_plan(region, "Utkast till handlingsplan 2027–2029", 2027, 2029, actor=None)
    url = reverse("public:plan", args=[REGION, draft.pk])
    assert draft.title not in _text(anonymous, reverse("public:plans", args=[REGION]))
    assert anonymous.get(url).status_code == 404
    plans.adopt_plan(draft, actor=_coordinator(), adopted_by="VVG 2027-01-15")
    assert draft.title in _text(anonymous, reverse("public:plans", args=[REGION]))
    assert "VVG 2027-01-15" in _text(anonymous, url)


def test_another_regions_plan_is_404_under_this_region(demo_once, anonymous):
    url = reverse("public:plan", args=["dalarna", _plan().pk])
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(reverse("public:plan", args=[REGION, 999999])).status_code == 404


def test_a_goal_names_only_published_initiatives_serving_it(demo_once, anonymous):
    plan = _plan()
    goal = plan.goals.get(number="3:2", target_group="för vuxna")
    region = plan.region
    undecided = Initiative.objects.filter(region=region).exclude(
        pk__in=publishing.decided(region).values("pk")
    )
    hidden = undecided.first()
    plans.link_initiative(goal, hidden, actor=_coordinator())
    page = _text(anonymous, reverse("public:plan", args=[REGION, plan.pk]))
    assert hidden.title not in page
    decided = publishing.decided(region).first()
    if decided is not None:
        plans.link_initiative(goal, decided, actor=_coordinator())
        page = _text(anonymous, reverse("public:plan", args=[REGION, plan.pk]))
        assert reverse("public:initiative", args=[REGION, decided.pk]) in page


def test_the_plan_page_takes_as_many_queries_with_one_indicator_as_with_many(demo_once, anonymous):
    plan = _plan()
    url = reverse("public:plan", args=[REGION, plan.pk])
    with CaptureQueriesContext(connection) as one:
        anonymous.get(url)
    goals = list(plan.goals.all())
    for number in range(8):
        indicator = plans.add_indicator(plan, f"Indikator {number}", actor=None, goals=goals)
        for year in (2018, 2019, 2020):
            plans.record_indicator_value(
                indicator,
                actor=None,
                period=datetime.date(year, 12, 31),
                period_label=str(year),
                value=Decimal(number + year % 10),
                source="Test",
            )
    with CaptureQueriesContext(connection) as many:
        text = anonymous.get(url).content.decode()
    assert "Indikator 7" in text
    assert len(many) == len(one)
