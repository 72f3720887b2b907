"""The internal resources with a region's API token: who gets in, what they reach, and that a
write goes through the domain function with its rules and audit entry."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from pusselbit.accounts.models import Membership
from pusselbit.api.domain import revoke_api_token
from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.models import Region
from pusselbit.plans import domain as plans_domain
from pusselbit.plans.models import IndicatorValue

from .conftest import bearer, token_for, user

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def _indicator(slug="dalarna"):
    """An indicator of the region's action plan (made here: the demo has a plan in Västra
    Götaland only)."""
    region = Region.objects.get(slug=slug)
    plan = plans_domain.create_plan(region, "Handlingsplan 2025–2028", 2025, 2028, actor=None)
    return plans_domain.add_indicator(plan, "Andel unga som mår bra", actor=None, unit="%")


VALUE = {"period": "2025-12-31", "periodLabel": "2025", "value": "12.50", "source": "Liv & hälsa"}


def test_a_token_says_whose_roles_and_which_region(demo_once, anonymous):
    _token, key = token_for("dalarna-analytiker")
    body = _json(anonymous.get("/api/v1/internal/token", **bearer(key)))
    assert body["region"]["slug"] == "dalarna" and body["access"] == "read"


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer pb_nonsense", "Basic YWxpY2U6c2VjcmV0", "Bearer " + "pb_" + "x" * 200],
)
def test_without_a_valid_token_it_is_401_with_a_challenge(demo_once, anonymous, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = anonymous.get("/api/v1/internal/initiatives", **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_an_expired_and_a_departed_users_token_are_refused(demo_once, anonymous):
    revoked, revoked_key = token_for("dalarna-analytiker")
    revoke_api_token(revoked, actor=user("dalarna-analytiker"))
    expiring, expiring_key = token_for("dalarna-analytiker", expires_on=timezone.localdate())
    _left, left_key = token_for("dalarna-ekonom")
    Membership.objects.filter(user=user("dalarna-ekonom")).delete()
    inactive_user = user("dalarna-kommunikator")
    _inactive, inactive_key = token_for("dalarna-kommunikator")
    inactive_user.is_active = False
    inactive_user.save()
    assert anonymous.get("/api/v1/internal/token", **bearer(expiring_key)).status_code == 200
    for key in (revoked_key, left_key, inactive_key):
        assert anonymous.get("/api/v1/internal/token", **bearer(key)).status_code == 401
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert anonymous.get("/api/v1/internal/token", **bearer(expiring_key)).status_code == 401


def test_the_key_is_kept_only_as_a_hash(demo_once):
    token, key = token_for("dalarna-analytiker")
    token.refresh_from_db()
    assert key not in {token.key_hash, token.prefix} and key.startswith(token.prefix)
    entry = AuditEntry.objects.get(action="api.token_made", target_id=str(token.pk))
    assert key not in json.dumps(entry.data)


def test_the_initiatives_are_every_stage_of_the_tokens_region_only(demo_once, anonymous):
    _token, key = token_for("dalarna-initiativtagare")
    body = _json(anonymous.get("/api/v1/internal/initiatives", {"limit": 100}, **bearer(key)))
    dalarna = Initiative.objects.filter(region__slug="dalarna")
    assert body["count"] == dalarna.count()
    assert {i["id"] for i in body["items"]} == set(dalarna.values_list("pk", flat=True)[:100])
    one = dalarna.first()
    detail = _json(anonymous.get(f"/api/v1/internal/initiatives/{one.pk}", **bearer(key)))
    assert detail["title"] == one.title and detail["idea"] == one.idea
    blekinges = Initiative.objects.filter(region__slug="blekinge").first()
    response = anonymous.get(f"/api/v1/internal/initiatives/{blekinges.pk}", **bearer(key))
    assert response.status_code == 404


def test_a_read_write_token_records_an_indicator_value_through_the_domain(demo_once, anonymous):
    indicator = _indicator()
    _token, key = token_for("dalarna-analytiker", access="read_write")
    url = f"/api/v1/internal/indicators/{indicator.pk}/values"
    body = _json(
        anonymous.post(url, VALUE, content_type="application/json", **bearer(key)), status=201
    )
    assert body["value"] == "12.50" and body["periodLabel"] == "2025"
    row = IndicatorValue.objects.get(indicator=indicator, period=datetime.date(2025, 12, 31))
    assert row.recorded_by == user("dalarna-analytiker") and row.source == "Liv & hälsa"
    assert AuditEntry.objects.filter(action="plan.value_recorded", actor=row.recorded_by).exists()
    again = {**VALUE, "value": "13"}
    anonymous.post(url, again, content_type="application/json", **bearer(key))
    row.refresh_from_db()
    assert str(row.value) == "13.00"  # a second value for the period corrects it


def test_a_read_token_cannot_write_and_the_roles_still_apply(demo_once, anonymous):
    indicator = _indicator()
    url = f"/api/v1/internal/indicators/{indicator.pk}/values"
    _t, read_key = token_for("dalarna-analytiker")
    _t, initiator_key = token_for("dalarna-initiativtagare", access="read_write")
    for key in (read_key, initiator_key):
        response = anonymous.post(url, VALUE, content_type="application/json", **bearer(key))
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
    assert not IndicatorValue.objects.filter(indicator=indicator, period="2025-12-31").exists()


@pytest.mark.parametrize(
    "body",
    [
        {**VALUE, "value": "tolv"},
        {**VALUE, "period": "2025-13-01"},
        {**VALUE, "source": ""},
        {**VALUE, "source": "a\x00b"},
        {**VALUE, "value": "1e400"},
        {"period": "2025-12-31"},
    ],
)
def test_a_bad_value_is_a_problem_naming_the_field(demo_once, anonymous, body):
    indicator = _indicator()
    _t, key = token_for("dalarna-analytiker", access="read_write")
    url = f"/api/v1/internal/indicators/{indicator.pk}/values"
    response = anonymous.post(url, body, content_type="application/json", **bearer(key))
    assert response.status_code == 400, response.content
    assert json.loads(response.content)["invalidParams"]


def test_another_regions_indicator_is_404(demo_once, anonymous):
    _t, key = token_for("dalarna-analytiker", access="read_write")
    url = f"/api/v1/internal/indicators/{_indicator('blekinge').pk}/values"
    response = anonymous.post(url, VALUE, content_type="application/json", **bearer(key))
    assert response.status_code == 404
