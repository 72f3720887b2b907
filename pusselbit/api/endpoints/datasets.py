"""The open datasets as API resources: the same rows as the CSV and JSON files
(pusselbit.opendata.datasets, read by the same queries as the pages), named in the API's
camelCase English, with each field described from the dataset's own column descriptions."""

import datetime
from decimal import Decimal

from pydantic import Field, create_model

from pusselbit.opendata import datasets, records

from ..schemas import Out

# A column of the open data (Swedish snake_case, as the national conventions for public finance
# data ask of files) -> the API's name for it and its type.
FIELDS = {
    "ar": ("year", int),
    "overenskommelse": ("agreement", str),
    "inriktning_kod": ("direction_code", str),
    "inriktning": ("direction", str),
    "inriktning_en": ("direction_en", str),
    "mottagare": ("recipient", str),
    "mottagare_organisationsnummer": ("recipient_organisation_number", str),
    "mottagare_kommunkod": ("recipient_municipality_code", str),
    "fordelningsnyckel": ("allocation_key", str),
    "gemensam_pott": ("pooled", bool),
    "befolkning": ("population", int | None),
    "befolkning_datum": ("population_date", datetime.date | None),
    "belopp": ("amount", Decimal),
    "datum": ("date", datetime.date),
    "rekvirerat_av": ("requisitioned_by", str),
    "rekvirerat_av_kod": ("requisitioned_by_code", str),
    "rekvirerat_fran": ("requisitioned_from", str),
    "inriktningar": ("direction_codes", str),
    "pa_uppdrag_av": ("on_behalf_of", str),
    "diarienummer": ("registration_number", str),
    "anvands_senast": ("use_by", datetime.date | None),
    "tilldelat": ("allocated", Decimal),
    "forbrukat": ("spent", Decimal),
    "att_aterbetala": ("to_repay", Decimal),
    "handlingsplan": ("action_plan", str),
    "handlingsplan_fran_ar": ("action_plan_first_year", int | None),
    "handlingsplan_till_ar": ("action_plan_last_year", int | None),
    "indikator": ("indicator", str),
    "enhet": ("unit", str),
    "mal": ("goals", str),
    "period": ("period", datetime.date),
    "period_namn": ("period_name", str),
    "varde": ("value", Decimal),
    "kalla": ("source", str),
    "fastslagen_av": ("adopted_by", str),
    "fokusomrade_nummer": ("focus_area_number", int),
    "fokusomrade": ("focus_area", str),
    "fokusomrade_en": ("focus_area_en", str),
    "mal_nummer": ("goal_number", str),
    "malgrupp": ("target_group", str),
    "indikatorer": ("indicators", str),
    "satsningar": ("initiative_ids", str),
    "url": ("public_page", str),
}
# Where one column name means another thing in another dataset.
FIELDS_OF = {records.PLAN_GOALS.slug: {"mal": ("goal", str)}}


def _fields(dataset) -> dict:
    return FIELDS | FIELDS_OF.get(dataset.slug, {})


def row_schema(dataset: datasets.Dataset, name: str):
    fields, names = {}, _fields(dataset)
    for column in dataset.columns:
        api_name, kind = names[column.name]
        fields[api_name] = (kind, Field(description=f"{column.en} / {column.sv}"))
    return create_model(name, __base__=Out, **fields)


def api_rows(dataset: datasets.Dataset, region) -> list[dict]:
    fields = _fields(dataset)
    names = [(column.name, fields[column.name][0]) for column in dataset.columns]
    return [{api: row[column] for column, api in names} for row in dataset.rows(region)]


def _agreement_year(row, year: int) -> bool:
    return row["year"] == year


def _period_year(row, year: int) -> bool:
    return row["period"].year == year


def _plan_years(row, year: int) -> bool:
    """A goal belongs to every year of its plan."""
    return row["action_plan_first_year"] <= year <= row["action_plan_last_year"]


# (address, dataset, schema name, whether a row belongs to the `year` filter's year)
RESOURCES = [
    ("allocations", datasets.ALLOCATIONS, "Allocation", _agreement_year),
    ("requisitions", datasets.REQUISITIONS, "Requisition", _agreement_year),
    ("repayments", datasets.REPAYMENTS, "Repayment", _agreement_year),
    ("indicator-values", records.INDICATOR_VALUES, "IndicatorValue", _period_year),
    ("action-plan-goals", records.PLAN_GOALS, "ActionPlanGoal", _plan_years),
]
