"""The datasets read through the publishing rules: the decided initiatives (never an undecided
or a withheld one), the adopted action plans' goals and their indicators' values (never a plan
being drafted), as CSV and JSON with the same rows."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.initiatives.models import Initiative
from pusselbit.plans import domain as plans
from pusselbit.plans.models import ActionPlan
from pusselbit.public.domain import lift_withholding, withhold_initiative
from tests.opendata.test_files import csv_rows

pytestmark = pytest.mark.django_db
DECIDED = "Samtalsstöd inom en vecka för unga vuxna"


@pytest.fixture
def anonymous():
    return Client()


def _rows(client, region, dataset):
    csv = csv_rows(client.get(reverse("opendata:csv", args=[region, dataset])))
    data = json.loads(client.get(reverse("opendata:json", args=[region, dataset])).content)
    assert len(csv) == len(data)
    return csv, data


def _decided():
    return Initiative.objects.get(region__slug="dalarna", title=DECIDED)


def test_decided_initiatives_are_the_public_pages_with_their_decision(demo_once, anonymous):
    csv, data = _rows(anonymous, "dalarna", "beslutade-satsningar")
    initiative = _decided()
    decision = initiative.decisions.get()
    (row,) = [r for r in csv if r["titel"] == DECIDED]
    assert row["id"] == str(initiative.pk)
    assert row["beslutsdatum"] == decision.decided_on.isoformat()
    assert row["diarienummer"] == decision.registration_number
    assert Decimal(row["budget"]) == decision.budget
    assert row["etapp"] == initiative.stage.name
    assert row["url"].endswith(reverse("public:initiative", args=["dalarna", initiative.pk]))
    assert set(row["inriktningar"].split(",")) == {d.code for d in initiative.directions.all()}
    for participant in initiative.participants.all():
        assert participant.organisation.name in row["organisationer"]
    (same,) = [r for r in data if r["id"] == initiative.pk]
    assert same["budget"] == float(decision.budget)
    assert same["beslutsdatum"] == decision.decided_on.isoformat()


def test_undecided_initiatives_never_appear(demo_once, anonymous):
    csv, _data = _rows(anonymous, "dalarna", "beslutade-satsningar")
    titles = {row["titel"] for row in csv}
    # The demo's ideas but DECIDED; the demo's library (demo.library) is all decided.
    undecided = Initiative.objects.filter(region__slug="dalarna").exclude(
        decisions__outcome="approved"
    )
    assert undecided.exists()
    assert not titles & set(undecided.values_list("title", flat=True))


def test_a_withheld_initiative_is_left_out_of_csv_and_json_until_lifted(demo_once, anonymous):
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    withholding = withhold_initiative(_decided(), actor=coordinator, reason="OSL 21 kap. 1 §")
    csv, data = _rows(anonymous, "dalarna", "beslutade-satsningar")
    assert DECIDED not in {row["titel"] for row in csv}
    assert DECIDED not in {row["titel"] for row in data}
    lift_withholding(withholding, actor=coordinator, reason="Prövad.")
    csv, _data = _rows(anonymous, "dalarna", "beslutade-satsningar")
    assert DECIDED in {row["titel"] for row in csv}


def test_no_contact_person_is_in_the_initiatives_file(demo_once, anonymous):
    initiative = _decided()
    text = anonymous.get(
        reverse("opendata:csv", args=["dalarna", "beslutade-satsningar"])
    ).content.decode()
    contacts = {initiative.contact_name, initiative.contact_email, initiative.contact_phone}
    contacts |= {p.contact_name for p in initiative.participants.all()}
    contacts |= {p.contact_email for p in initiative.participants.all()}
    assert not [c for c in contacts if c and c in text]


def test_the_plan_goals_are_the_adopted_plans(demo_once, anonymous):
    plan = ActionPlan.objects.get(region__slug="vastra-gotaland")
    csv, _data = _rows(anonymous, "vastra-gotaland", "handlingsplan-mal")
    assert len(csv) == plan.goals.count()
    row = next(r for r in csv if (r["mal_nummer"], r["malgrupp"]) == ("3:2", "för vuxna"))
    assert row["fokusomrade_nummer"] == "3"
    assert row["indikatorer"] == "Systematiskt samarbete med brukarorganisationer"
    assert row["fastslagen_av"] == plan.adopted_by
    goal = plan.goals.get(number="3:2", target_group="för vuxna")
    assert row["url"].endswith(
        reverse("public:plan", args=["vastra-gotaland", plan.pk]) + f"#goal-{goal.pk}"
    )


def test_a_plan_being_drafted_is_in_no_file(demo_once, anonymous):
    region = ActionPlan.objects.get(region__slug="vastra-gotaland").region
    draft = plans.create_plan(region, "Utkast 2027–2029", 2027, 2029, actor=None)
    area = draft.focus_areas.get(number=1)
    indicator = plans.add_indicator(draft, "Hemlig indikator", actor=None)
    plans.add_goal(draft, area, "1:1", "Ett mål i ett utkast", actor=None, indicators=[indicator])
    plans.record_indicator_value(
        indicator,
        actor=None,
        period=datetime.date(2027, 12, 31),
        period_label="2027",
        value=Decimal("1"),
        source="Utkast",
    )
    for dataset in ("handlingsplan-mal", "indikatorvarden"):
        csv, data = _rows(anonymous, "vastra-gotaland", dataset)
        assert draft.title not in {row["handlingsplan"] for row in csv}
        assert draft.title not in {row["handlingsplan"] for row in data}
    plans.adopt_plan(draft, actor=None, adopted_by="VVG")
    csv, _data = _rows(anonymous, "vastra-gotaland", "indikatorvarden")
    assert "Hemlig indikator" in {row["indikator"] for row in csv}


def test_a_region_without_records_has_files_with_the_header_only(demo_once, anonymous):
    response = anonymous.get(reverse("opendata:csv", args=["gotland", "beslutade-satsningar"]))
    assert response.status_code == 200
    assert response.content.decode().startswith("id;titel;")
    assert csv_rows(response) == []
