"""A region's own data, for its users' programs: each request carries an API token
(`Authorization: Bearer …`) and acts as the token's maker, in the token's region, with that
person's roles and the pages' permission rules; writes go through the same domain functions as
the pages and need a read-and-write token."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from pusselbit.core.permissions import require
from pusselbit.initiatives.models import Initiative, Participant
from pusselbit.initiatives.queries import initiatives as initiative_queries
from pusselbit.plans import domain as plans_domain
from pusselbit.plans import queries as plan_queries
from pusselbit.plans.models import Indicator

from .. import schemas
from ..auth import TokenAuth, in_token_region
from ..problems import Problem
from .common import TEXT, Paging, page, region_document

router = Router(tags=["internal"], auth=TokenAuth())

ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem}


class TokenOut(schemas.Out):
    name: str
    access: str = Field(description="read or read_write.")
    region: schemas.Region
    user: str = Field(description="Whose roles the token acts with.")
    expires_on: datetime.date | None


class InitiativeRow(schemas.Out):
    id: int
    title: str
    stage: str
    organisation: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    page: str = Field(description="The initiative's page in Pusselbit (signing in needed).")


class InitiativeDetail(InitiativeRow):
    registration_number: str
    problem: str
    idea: str
    target_groups: str
    expected_results: str
    rough_budget: Decimal | None
    directions: list[schemas.Direction]
    participants: list[str] = Field(description="The participating organisations.")


class InitiativeFilters(Schema):
    q: str = Field("", max_length=200, pattern=TEXT, description="Words in the initiative.")


class IndicatorOut(schemas.Out):
    id: int
    plan: str
    name: str
    unit: str


class IndicatorPath(Schema):
    indicator_id: int = Field(ge=1, le=2**31 - 1)


class InitiativePath(Schema):
    initiative_id: int = Field(ge=1, le=2**31 - 1)


class ValueIn(schemas.Out):
    period: datetime.date = Field(description="The last day of the period measured.")
    period_label: str = Field(min_length=1, max_length=50, pattern=TEXT, examples=["2025"])
    # A string, as the API gives amounts: no client's float rounds the value on the way.
    value: str = Field(
        pattern=r"^-?\d{1,12}(\.\d{1,2})?$",
        examples=["12.50"],
        description="The value with a decimal point and at most two decimals.",
    )
    source: str = Field(min_length=1, max_length=300, pattern=TEXT)


class ValueOut(schemas.Out):
    indicator: int
    period: datetime.date
    period_label: str
    value: Decimal
    source: str
    recorded_at: datetime.datetime


def _region(request):
    return request.auth.region


def _require_write(request):
    if not request.auth.can_write:
        raise PermissionDenied(_("The token may only read."))


def _row(request, initiative) -> dict:
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "stage": str(initiative.stage),
        "organisation": initiative.organisation.name,
        "created_at": initiative.created_at,
        "updated_at": initiative.updated_at,
        "page": request.build_absolute_uri(
            reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])
        ),
    }


@router.get(
    "/token",
    response={200: TokenOut, 401: Problem},
    by_alias=True,
    summary="This token / Denna nyckel",
    description="Which region and whose roles the token acts with. / Nyckelns region och roller.",
)
def token(request):
    token = request.auth
    return {
        "name": token.name,
        "access": token.access,
        "region": region_document(request, token.region),
        "user": token.user.get_full_name() or token.user.get_username(),
        "expires_on": token.expires_on,
    }


@router.get(
    "/initiatives",
    response={200: schemas.Page[InitiativeRow], **ERRORS},
    by_alias=True,
    summary="The region's initiatives / Regionens satsningar",
    description=(
        "Every initiative of the token's region, at every stage, newest first, as the pipeline "
        "page lists them. / Alla satsningar i nyckelns region, i alla skeden."
    ),
)
@in_token_region
def initiatives(request, filters: Query[InitiativeFilters], paging: Query[Paging]):
    region = _region(request)
    require(request.user, "initiatives.view_initiative", region)
    rows = initiative_queries.pipeline(region, text=filters.q).select_related(
        "stage", "organisation", "region"
    )
    rows = rows.order_by("-created_at", "-pk")
    items = rows[paging.offset : paging.offset + paging.limit]
    return page(rows.count(), [_row(request, i) for i in items], paging)


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetail, **ERRORS},
    by_alias=True,
    summary="One initiative / En satsning",
    description="An initiative of the token's region. / En satsning i nyckelns region.",
)
@in_token_region
def initiative(request, path: Path[InitiativePath]):
    region = _region(request)
    found = get_object_or_404(
        Initiative.objects.filter(region=region)
        .select_related("stage", "organisation", "region")
        .prefetch_related(
            "directions",
            Prefetch("participants", Participant.objects.select_related("organisation")),
        ),
        pk=path.initiative_id,
    )
    require(request.user, "initiatives.view_initiative", found)
    return {
        **_row(request, found),
        **{
            name: getattr(found, name)
            for name in (
                "registration_number",
                "problem",
                "idea",
                "target_groups",
                "expected_results",
                "rough_budget",
            )
        },
        "directions": [
            {"code": d.code, "name": d.name, "name_en": d.name_en} for d in found.directions.all()
        ],
        "participants": list(dict.fromkeys(p.organisation.name for p in found.participants.all())),
    }


@router.get(
    "/indicators",
    response={200: schemas.Page[IndicatorOut], **ERRORS},
    by_alias=True,
    summary="Action-plan indicators / Handlingsplanens indikatorer",
    description=(
        "The indicators of the region's action plans, to record values for. / Indikatorerna i "
        "regionens handlingsplaner."
    ),
)
@in_token_region
def indicators(request, paging: Query[Paging]):
    region = _region(request)
    require(request.user, "plans.view_plans", region)
    rows = (
        Indicator.objects.filter(plan__region=region)
        .select_related("plan")
        .order_by("-plan__first_year", "plan_id", "name", "pk")
    )
    items = [
        {"id": i.pk, "plan": i.plan.title, "name": i.name, "unit": i.unit}
        for i in rows[paging.offset : paging.offset + paging.limit]
    ]
    return page(rows.count(), items, paging)


@router.post(
    "/indicators/{indicator_id}/values",
    response={201: ValueOut, **ERRORS},
    by_alias=True,
    summary="Record an indicator value / Registrera ett indikatorvärde",
    description=(
        "Record the indicator's value for a period; a value for a period that has one corrects "
        "it. Needs a read-and-write token and the analyst's or county coordinator's role. / "
        "Registrera indikatorns värde för en period; ett värde för en period som redan har ett "
        "rättar det. Kräver en nyckel för läsning och skrivning."
    ),
)
@in_token_region
def record_value(request, path: Path[IndicatorPath], body: ValueIn):
    _require_write(request)
    indicator = plan_queries.indicator_in(_region(request), path.indicator_id)
    row = plans_domain.record_indicator_value(
        indicator,
        actor=request.user,
        period=body.period,
        period_label=body.period_label,
        value=Decimal(body.value),
        source=body.source,
    )
    return Status(
        201,
        {
            "indicator": indicator.pk,
            "period": row.period,
            "period_label": row.period_label,
            "value": row.value,
            "source": row.source,
            "recorded_at": row.recorded_at,
        },
    )
