"""The action-plan pages: a plan with the five focus areas, goals sharing an indicator, values
recorded per period with their source and drawn as a chart beside a table, the initiatives and
assignment documents serving a goal, and who may see and do what."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pusselbit.assignments import domain as assignments
from pusselbit.initiatives.queries.initiatives import plan_goals
from pusselbit.plans import charts, domain
from pusselbit.plans.models import ActionPlan, Goal, IndicatorValue
from tests.factories import OrganisationFactory
from tests.initiatives import conftest as initiative_fixtures
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

# The initiatives' fixtures: Blekinge with its workflow and one user per role.
workflow = initiative_fixtures.workflow
karlskrona = initiative_fixtures.karlskrona
regional_org = initiative_fixtures.regional_org
people = initiative_fixtures.people
make_initiative = initiative_fixtures.make_initiative

ADULTS_TEXT = "Brukarföreträdare ska erbjudas delaktighet i utvecklingsarbete."
YOUNG_TEXT = "Barns och ungas egna upplevelser behöver tas tillvara."
INDICATOR = "Systematiskt samarbete med brukarorganisationer"
VALUES = [
    (datetime.date(2018, 12, 31), "2018", "12", "Kartläggning VästKom 2018"),
    (datetime.date(2019, 12, 31), "2019", "20,5", "Enkät till kommunerna 2019"),
    (datetime.date(2020, 12, 31), "2020", "31", "Enkät till kommunerna 2020"),
]


def url(name, region, *args) -> str:
    return reverse(f"plans:{name}", args=[region.slug, *args])


def get(client, user, address, **extra):
    client.force_login(user)
    return client.get(address, **extra)


def html_of(client, user, address) -> str:
    response = get(client, user, address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture(autouse=True)
def _english(client):
    """The pages in English, so the tests read the message ids; the names that are data (focus
    areas) are checked in Swedish where it matters."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def coordinator(people):
    return people["county_coordinator"]


@pytest.fixture
def plan(blekinge, coordinator):
    return domain.create_plan(
        blekinge, "Länsgemensam handlingsplan för psykisk hälsa", 2018, 2020, actor=coordinator
    )


@pytest.fixture
def shared(plan, coordinator):
    """Mål 3:2 for adults and for children and young people, following one indicator."""
    indicator = domain.add_indicator(plan, INDICATOR, actor=coordinator, unit="kommuner")
    area = plan.focus_areas.get(number=3)
    adults, young = (
        domain.add_goal(
            plan, area, "3:2", text, actor=coordinator, target_group=group, indicators=[indicator]
        )
        for group, text in [("för vuxna", ADULTS_TEXT), ("för barn och unga", YOUNG_TEXT)]
    )
    return indicator, adults, young


def record(indicator, actor, period, label, value, source):
    return domain.record_indicator_value(
        indicator,
        actor=actor,
        period=period,
        period_label=label,
        value=Decimal(value.replace(",", ".")),
        source=source,
    )


# The plan, its goals and indicators, through the pages.


def test_create_plan_gives_the_five_focus_areas(client, blekinge, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("create", blekinge),
        {
            "title": "Handlingsplan för psykisk hälsa 2018–2020",
            "first_year": "2018",
            "last_year": "2020",
            "adopted_by": "Styrgruppen för psykisk hälsa",
            "description": "",
        },
    )
    plan = ActionPlan.objects.get(region=blekinge)
    assert response.status_code == 302
    assert response.url == url("detail", blekinge, plan.pk)
    assert list(plan.focus_areas.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    html = client.get(response.url).content.decode()  # in Swedish, as the plan names them
    for name in [
        "1. Förebyggande och främjande arbete",
        "2. Tillgängliga tidiga insatser",
        "3. Enskildas delaktighet och rättigheter",
        "4. Utsatta grupper",
        "5. Ledning, styrning och organisation",
    ]:
        assert f"{name}</h2>" in html
    assert "Styrgruppen för psykisk hälsa" in html
    assert html_of(client, coordinator, url("list", blekinge)).count(response.url) == 1


def test_create_plan_ending_before_it_starts_is_refused_next_to_the_field(
    client, blekinge, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        url("create", blekinge),
        {"title": "Baklänges", "first_year": "2020", "last_year": "2018"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not ActionPlan.objects.exists()
    assert re.search(
        r'field--error">\s*<label for="id_last_year">.*?The plan cannot end before it starts',
        html,
        re.S,
    )
    assert 'value="Baklänges"' in html


def test_goals_share_one_indicator_added_through_the_pages(client, blekinge, plan, coordinator):
    client.force_login(coordinator)
    area = plan.focus_areas.get(number=3)
    response = client.post(
        url("indicator_create", blekinge, plan.pk), {"name": INDICATOR, "unit": "kommuner"}
    )
    indicator = plan.indicators.get()
    assert response.url == url("detail", blekinge, plan.pk) + f"#indicator-{indicator.pk}"
    for target_group, text in [("för vuxna", ADULTS_TEXT), ("för barn och unga", YOUNG_TEXT)]:
        response = client.post(
            url("goal_create", blekinge, plan.pk),
            {
                "focus_area": area.pk,
                "number": "3:2",
                "target_group": target_group,
                "text": text,
                "indicators": [indicator.pk],
            },
        )
        assert response.status_code == 302
    assert sorted(indicator.goals.values_list("target_group", flat=True)) == [
        "för barn och unga",
        "för vuxna",
    ]
    html = html_of(client, coordinator, url("detail", blekinge, plan.pk))
    area_html = html[html.index('id="focus-area-3"') : html.index('id="focus-area-4"')]
    with translation.override("en"):  # the page's language: "Goal 3:2 för barn och unga"
        for goal in plan.goals.all():
            assert f'href="{url("goal", blekinge, goal.pk)}">{goal.label}</a>' in area_html
    assert area_html.count(f'href="#indicator-{indicator.pk}">{INDICATOR}</a>') == 2


def test_the_same_goal_twice_is_refused_next_to_its_number(client, blekinge, shared, coordinator):
    _indicator, adults, _young = shared
    client.force_login(coordinator)
    response = client.post(
        url("goal_create", blekinge, adults.plan_id),
        {
            "focus_area": adults.focus_area_id,
            "number": "3:2",
            "target_group": "för vuxna",
            "text": "Igen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'field--error">\s*<label for="id_number">', html)
    assert "The plan already has that goal." in html
    assert Goal.objects.count() == 2


# Values, the chart and the table.


def test_goal_page_shows_the_chart_and_table_of_three_values(client, blekinge, shared, people):
    indicator, adults, young = shared
    analyst = people["analyst"]
    client.force_login(analyst)
    for period, label, value, source in VALUES:
        response = client.post(
            url("record_value", blekinge, indicator.pk) + f"?mal={adults.pk}",
            {"period": period.isoformat(), "period_label": label, "value": value, "source": source},
        )
        assert response.url == url("goal", blekinge, adults.pk) + f"#indicator-{indicator.pk}"
    assert indicator.values.count() == 3

    for goal in (adults, young):  # both goals follow the one indicator
        html = html_of(client, analyst, url("goal", blekinge, goal.pk))
        svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
        assert 'role="img"' in svg
        assert (
            f'<title id="indicator-{indicator.pk}-chart-title">{INDICATOR} over time</title>' in svg
        )
        assert re.search(r"<desc [^>]*>3 values, from 12 kommuner for 2018 to 31 kommuner", svg)
        assert "style" not in svg
        assert "fill=" not in svg and "stroke=" not in svg
        polylines = re.findall(r'<polyline class="chart__line" points="([^"]+)"', svg)
        assert len(polylines) == 1
        assert len(polylines[0].split()) == 3
        assert re.findall(r'class="chart__category"[^>]*>([^<]+)<', svg) == [
            "2018",
            "2019",
            "2020",
        ]
        rows = re.findall(
            r'<tr><th scope="row">([^<]+)</th><td class="numeric">([^<]+)</td><td>([^<]+)</td>',
            html,
        )
        assert rows == [(label, value, source) for _p, label, value, source in VALUES]
        assert ADULTS_TEXT in html if goal == adults else YOUNG_TEXT in html


def test_a_value_for_a_recorded_period_corrects_it(client, blekinge, shared, people):
    indicator, _adults, _young = shared
    analyst = people["analyst"]
    record(indicator, analyst, *VALUES[1])
    html = html_of(client, analyst, url("record_value", blekinge, indicator.pk))
    assert "A value for a period that already has one corrects it" in html
    assert "<td>2019-12-31</td>" in html

    response = client.post(
        url("record_value", blekinge, indicator.pk),
        {
            "period": "2019-12-31",
            "period_label": "2019",
            "value": "22",
            "source": "Enkät 2019, rättad",
        },
        follow=True,
    )
    assert "The value for 2019 is corrected from 20,5 to 22." in response.content.decode()
    row = indicator.values.get()
    assert (row.value, row.source) == (Decimal("22"), "Enkät 2019, rättad")


def test_a_value_without_source_is_refused_next_to_the_field_keeping_what_was_typed(
    client, blekinge, shared, people
):
    indicator, _adults, _young = shared
    client.force_login(people["analyst"])
    response = client.post(
        url("record_value", blekinge, indicator.pk),
        {"period": "2019-12-31", "period_label": "Helår 2019", "value": "20,5", "source": "  "},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not IndicatorValue.objects.exists()
    source_field = re.search(r'<div class="field field--error">.*?id="id_source">', html, re.S)
    assert 'for="id_source"' in source_field.group(0)
    assert "Say where the value comes from." in source_field.group(0)
    assert 'href="#id_source"' in html  # the error summary leads to the field
    assert 'value="2019-12-31"' in html
    assert 'value="Helår 2019"' in html
    assert 'value="20,5"' in html


def test_a_value_that_is_not_a_number_is_refused(client, blekinge, shared, people):
    indicator, _adults, _young = shared
    client.force_login(people["analyst"])
    response = client.post(
        url("record_value", blekinge, indicator.pk),
        {"period": "2019-12-31", "period_label": "2019", "value": "tjugo", "source": "Enkät"},
    )
    html = response.content.decode()
    assert re.search(r'field--error">\s*<label for="id_value">', html)
    assert 'value="tjugo"' in html
    assert not IndicatorValue.objects.exists()


# Initiatives and assignment documents serving a goal.


def link_button(initiative) -> str:
    """A search hit's "Link" form names its initiative in a hidden field."""
    return f'name="initiative" value="{initiative.pk}"'


def test_linking_an_initiative_shows_it_on_the_goal_page(
    client, blekinge, shared, coordinator, make_initiative
):
    _indicator, adults, young = shared
    initiative = make_initiative(title="Brukarråd i primärvården")
    other = make_initiative(title="Mobilt team")
    goal_url = url("goal", blekinge, adults.pk)
    client.force_login(coordinator)
    html = client.get(goal_url).content.decode()  # without a search: the recently changed
    assert link_button(initiative) in html and link_button(other) in html
    html = client.get(goal_url, {"sok": "BRUKARRÅD"}).content.decode()
    assert link_button(initiative) in html and link_button(other) not in html

    response = client.post(goal_url + "?sok=brukarråd", {"initiative": initiative.pk})

    assert response.url == goal_url + "#initiatives"
    assert list(adults.initiatives.all()) == [initiative]
    html = html_of(client, coordinator, goal_url)
    detail = reverse("initiatives:detail", args=[blekinge.slug, initiative.pk])
    assert f'<a href="{detail}">Brukarråd i primärvården</a>' in html
    assert link_button(initiative) not in html  # not offered twice
    assert link_button(other) in html
    assert f'href="{detail}"' not in html_of(client, coordinator, url("goal", blekinge, young.pk))

    unlink = url("unlink_initiative", blekinge, adults.pk, initiative.pk)
    assert f'action="{unlink}"' in html
    response = client.post(unlink)
    assert response.url == goal_url + "#initiatives"
    assert not adults.initiatives.exists()


def test_an_initiative_of_another_region_cannot_be_linked(
    client, blekinge, dalarna, charlie, shared, coordinator
):
    _indicator, adults, _young = shared
    from pusselbit.initiatives import domain as initiatives
    from pusselbit.initiatives.workflows.engine import install_workflow

    install_workflow(dalarna)
    falun = OrganisationFactory(region=dalarna, code="2080", name="Falun")
    foreign = initiatives.create_initiative(dalarna, actor=charlie, organisation=falun, title="X")
    client.force_login(coordinator)
    response = client.post(url("goal", blekinge, adults.pk), {"initiative": foreign.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'field--error">\s*<label for="id_sok">', html)  # by the search field
    assert "That initiative cannot be linked" in html
    assert not adults.initiatives.exists()


def test_assignment_documents_serving_the_goal_are_listed(client, blekinge, shared, coordinator):
    _indicator, adults, young = shared
    assignments.create_assignment(
        blekinge,
        actor=coordinator,
        goals=[adults, young],
        plan=adults.plan,
        place="Göteborg",
        dated=datetime.date(2018, 5, 4),
        title="Statsbidrag för att stärka brukarsamverkan",
        background="Uppdrag psykisk hälsa.",
        purpose="Utveckla brukarsamverkan.",
        organisation_text="Styrgrupp för psykisk hälsa.",
    )
    html = html_of(client, coordinator, url("goal", blekinge, adults.pk))
    assert "Statsbidrag för att stärka brukarsamverkan" in html
    assert "Göteborg 2018-05-04" in html


def test_plan_goals_lists_the_goals_an_initiative_serves(
    blekinge, shared, coordinator, make_initiative
):
    indicator, adults, young = shared
    initiative = make_initiative(title="Brukarråd i primärvården")
    domain.link_initiative(adults, initiative, actor=coordinator)
    domain.link_initiative(young, initiative, actor=coordinator)

    context = {"plan_goals": plan_goals(initiative)}

    assert {goal.label for goal in context["plan_goals"]} == {
        "Mål 3:2 för vuxna",
        "Mål 3:2 för barn och unga",
    }
    html = render_to_string(
        "plans/includes/initiative_goals.html", {"initiative": initiative, **context}
    )
    assert f'href="{url("goal", blekinge, adults.pk)}">Mål 3:2 för vuxna</a>' in html
    assert INDICATOR in html


def test_plan_goals_reads_in_a_fixed_number_of_queries(
    blekinge, plan, coordinator, make_initiative
):
    initiative = make_initiative()
    area = plan.focus_areas.get(number=1)
    indicator = domain.add_indicator(plan, INDICATOR, actor=coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            for goal in plan_goals(initiative):
                (goal.label, goal.plan.title, goal.focus_area.name, list(goal.indicators.all()))
        return len(queries)

    goal = domain.add_goal(plan, area, "1:1", "Ett", actor=coordinator, indicators=[indicator])
    domain.link_initiative(goal, initiative, actor=coordinator)
    one = count()
    for number in range(2, 11):
        goal = domain.add_goal(
            plan, area, f"1:{number}", "Fler", actor=coordinator, indicators=[indicator]
        )
        domain.link_initiative(goal, initiative, actor=coordinator)
    assert count() == one


# Who may see and do what.


def test_colleagues_read_every_page_but_an_initiator_may_not_change_anything(
    client, blekinge, shared, people
):
    indicator, adults, _young = shared
    initiator = people["initiator"]
    for address in [
        url("list", blekinge),
        url("detail", blekinge, adults.plan_id),
        url("goal", blekinge, adults.pk),
    ]:
        html = html_of(client, initiator, address)
        assert url("create", blekinge) not in html
        assert url("record_value", blekinge, indicator.pk) not in html
        assert "<select" not in html
    for address in [
        url("create", blekinge),
        url("goal_create", blekinge, adults.plan_id),
        url("indicator_create", blekinge, adults.plan_id),
        url("record_value", blekinge, indicator.pk),
    ]:
        assert get(client, initiator, address).status_code == 403
    response = client.post(url("create", blekinge), {"title": "X", "first_year": "2020"})
    assert response.status_code == 403
    with nothing_written():
        assert client.post(url("goal", blekinge, adults.pk), {"initiative": "1"}).status_code == 403
    assert not ActionPlan.objects.filter(title="X").exists()


def test_analyst_may_record_values_and_a_finance_officer_may_not(client, blekinge, shared, people):
    indicator, _adults, _young = shared
    address = url("record_value", blekinge, indicator.pk)
    html = html_of(client, people["analyst"], url("detail", blekinge, indicator.plan_id))
    assert f'href="{address}"' in html
    assert get(client, people["analyst"], address).status_code == 200
    client.post(
        address, {"period": "2020-12-31", "period_label": "2020", "value": "31", "source": "E"}
    )
    assert indicator.values.get().recorded_by == people["analyst"]
    assert get(client, people["finance_officer"], address).status_code == 403


def test_another_regions_user_gets_404_on_every_page(client, blekinge, shared, charlie):
    indicator, adults, _young = shared
    for address in [
        url("list", blekinge),
        url("create", blekinge),
        url("detail", blekinge, adults.plan_id),
        url("goal_create", blekinge, adults.plan_id),
        url("indicator_create", blekinge, adults.plan_id),
        url("goal", blekinge, adults.pk),
        url("record_value", blekinge, indicator.pk),
    ]:
        assert get(client, charlie, address).status_code == 404
    # Nor through their own region's address.
    dalarna = charlie.memberships.get().region
    assert get(client, charlie, url("goal", dalarna, adults.pk)).status_code == 404
    assert get(client, charlie, url("record_value", dalarna, indicator.pk)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, blekinge, shared):
    _indicator, adults, _young = shared
    response = client.get(url("goal", blekinge, adults.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# The query-count guard.


def test_goal_page_reads_in_a_fixed_number_of_queries(
    client, blekinge, shared, coordinator, make_initiative
):
    indicator, adults, _young = shared
    client.force_login(coordinator)
    goal_url = url("goal", blekinge, adults.pk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(goal_url)
        assert response.status_code == 200
        return len(queries)

    record(indicator, coordinator, datetime.date(1970, 12, 31), "1970", "1", "Källa")
    domain.link_initiative(adults, make_initiative(title="Satsning 0"), actor=coordinator)
    one = count()
    for year in range(1971, 2020):
        record(indicator, coordinator, datetime.date(year, 12, 31), str(year), str(year), "Källa")
    for number in range(1, 20):
        domain.link_initiative(
            adults, make_initiative(title=f"Satsning {number}"), actor=coordinator
        )
    assert indicator.values.count() == 50
    assert adults.initiatives.count() == 20
    assert count() == one


def test_plan_page_reads_in_a_fixed_number_of_queries(client, blekinge, shared, coordinator):
    indicator, adults, _young = shared
    client.force_login(coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url("detail", blekinge, adults.plan_id))
        return len(queries)

    one = count()
    for number in range(1, 20):
        domain.add_goal(
            adults.plan,
            adults.focus_area,
            f"4:{number}",
            "Mål",
            actor=coordinator,
            indicators=[domain.add_indicator(adults.plan, f"I {number}", actor=coordinator)],
        )
        record(indicator, coordinator, datetime.date(2000 + number, 1, 1), "x", "1", "Källa")
    assert count() == one


# The chart itself (how any chart is drawn: tests/core/test_charts.py).


def test_chart_with_many_values_names_fewer_periods_but_always_the_last(shared, coordinator):
    indicator, _adults, _young = shared
    values = [
        IndicatorValue(
            indicator=indicator,
            period=datetime.date(1970 + n, 12, 31),
            period_label=str(1970 + n),
            value=Decimal(n),
            source="Källa",
        )
        for n in range(50)
    ]
    chart = charts.line_chart(indicator, values)
    labelled = [point.label for point in chart.points if point.labelled]
    assert labelled[-1] == "2019"
    assert 5 <= len(labelled) <= 10
    assert len(chart.polyline.split()) == 50
    assert charts.line_chart(indicator, []) is None
