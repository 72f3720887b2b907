"""The public resources: what the public pages show (pusselbit.public.publishing decides what
that is), open to everyone without a key. Every answer may be cached for five minutes."""

from django.urls import reverse
from django.views.decorators.cache import cache_control
from ninja import Path, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from pusselbit.public import publishing

from .. import schemas
from ..problems import Problem, Withheld
from . import datasets
from .common import SLUG, TEXT, Paging, page, region_document, sliced

router = Router(tags=["public"])
cached = decorate_view(cache_control(public=True, max_age=300))

ERRORS = {400: Problem, 404: Problem}


class RegionPath(Schema):
    region: str = Field(pattern=SLUG, description="The region's slug, e.g. dalarna.")


class InitiativePath(RegionPath):
    initiative_id: int = Field(ge=1, le=2**31 - 1)


class InitiativeFilters(Schema):
    q: str = Field("", max_length=200, pattern=TEXT, description="Words in title or summary.")
    direction: str = Field(
        "", max_length=20, pattern=r"^[A-Za-z0-9._-]*$", description="A direction's code."
    )
    municipality: str = Field(
        "", pattern=r"^(\d{4})?$", description="A participating municipality's code (4 digits)."
    )
    year: int | None = Field(None, ge=1900, le=2200, description="The year of the decision.")


class YearFilter(Schema):
    year: int | None = Field(
        None,
        ge=1900,
        le=2200,
        description=(
            "The agreement's year; for indicator values the period's year, for goals a year of "
            "the plan."
        ),
    )


def _absolute(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _summary(request, region, summary) -> dict:
    return {
        **{k: getattr(summary, k) for k in ("title", "summary", "decided_on", "organisations")},
        "id": summary.pk,
        "stage": str(summary.stage),
        "directions": [
            {"code": d.code, "name": d.name, "name_en": d.name_en} for d in summary.directions
        ],
        "public_page": _absolute(request, "public:initiative", region.slug, summary.pk),
    }


@router.get(
    "/regions",
    response={200: schemas.Page[schemas.Region], 400: Problem},
    by_alias=True,
    summary="Regions / Regioner",
    description=(
        "Every region in Pusselbit, by county code. / Alla regioner i Pusselbit, i länskodsordning."
    ),
)
@cached
def regions(request, paging: Query[Paging]):
    rows = [region_document(request, region) for region, _published in publishing.regions()]
    return sliced(rows, paging)


@router.get(
    "/regions/{region}",
    response={200: schemas.Region, **ERRORS},
    by_alias=True,
    summary="One region / En region",
    description="A region by its slug. / En region utifrån dess namn i adressen.",
)
@cached
def region(request, path: Path[RegionPath]):
    return region_document(request, publishing.region_named(path.region))


@router.get(
    "/regions/{region}/initiatives",
    response={200: schemas.Page[schemas.InitiativeSummary], **ERRORS},
    by_alias=True,
    summary="Decided initiatives / Beslutade satsningar",
    description=(
        "The region's decided initiatives (an approving decision in force), newest decision "
        "first; withheld ones are left out. / Regionens beslutade satsningar (ett bifallande "
        "beslut som gäller), senaste beslut först; sekretessbelagda utelämnas."
    ),
)
@cached
def initiatives(
    request, path: Path[RegionPath], filters: Query[InitiativeFilters], paging: Query[Paging]
):
    region = publishing.region_named(path.region)
    direction, municipality = publishing.direction_and_municipality(
        region, filters.direction, filters.municipality
    )
    count, rows = publishing.initiative_slice(
        region,
        publishing.Filters(
            direction=direction, year=filters.year, municipality=municipality, query=filters.q
        ),
        paging.offset,
        paging.limit,
    )
    return page(count, [_summary(request, region, row) for row in rows], paging)


@router.get(
    "/regions/{region}/initiatives/{initiative_id}",
    response={200: schemas.Initiative, 451: Problem, **ERRORS},
    by_alias=True,
    summary="One decided initiative / En beslutad satsning",
    description=(
        "A decided initiative's public record: decisions, effect measures with their values "
        "and the final evaluation. A withheld initiative is 451 with the reason. / En beslutad "
        "satsnings offentliga uppgifter. En sekretessbelagd satsning ger 451 med skälet."
    ),
)
@cached
def initiative(request, path: Path[InitiativePath]):
    region = publishing.region_named(path.region)
    found = publishing.public_initiative(region, path.initiative_id)
    if isinstance(found, publishing.WithheldRecord):
        raise Withheld(found.reason, found.withheld_on)
    return {
        **_summary(request, region, found),
        "decisions": [{**vars(d), "stage": str(d.stage)} for d in found.decisions],
        "measures": [
            {
                **{k: v for k, v in vars(m).items() if k != "values"},
                "values": [
                    {"period_start": start, "period_end": end, "value": value}
                    for start, end, value in m.values
                ],
            }
            for m in found.measures
        ],
        "final_evaluation": vars(found.final_evaluation) if found.final_evaluation else None,
    }


def _dataset_operation(address, dataset, schema_name, in_year):
    schema = datasets.row_schema(dataset, schema_name)

    @router.get(
        f"/regions/{{region}}/{address}",
        response={200: schemas.Page[schema], **ERRORS},
        by_alias=True,
        operation_id=address.replace("-", "_"),
        url_name=address.replace("-", "_"),
        summary=f"{dataset.title_en} / {dataset.title_sv}",
        description=(
            f"{dataset.description_en} The same rows as the open data file "
            f"/datasets/{{region}}/{dataset.slug}.csv. / {dataset.description_sv}"
        ),
    )
    @cached
    def operation(
        request, path: Path[RegionPath], filters: Query[YearFilter], paging: Query[Paging]
    ):
        rows = datasets.api_rows(dataset, publishing.region_named(path.region))
        if filters.year is not None:
            rows = [row for row in rows if in_year(row, filters.year)]
        return sliced(rows, paging)


for resource in datasets.RESOURCES:
    _dataset_operation(*resource)
