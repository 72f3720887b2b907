"""The open datasets as API resources: the same rows as the CSV and JSON files
(pusselbit.opendata.datasets, read by the same queries as the pages), named in the API's
camelCase English, with each field described from the dataset's own column descriptions."""

import datetime
from decimal import Decimal

from pydantic import Field, create_model

from pusselbit.opendata import datasets

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
}


def row_schema(dataset: datasets.Dataset, name: str):
    fields = {}
    for column in dataset.columns:
        api_name, kind = FIELDS[column.name]
        fields[api_name] = (kind, Field(description=f"{column.en} / {column.sv}"))
    return create_model(name, __base__=Out, **fields)


def api_rows(dataset: datasets.Dataset, region) -> list[dict]:
    names = [(column.name, FIELDS[column.name][0]) for column in dataset.columns]
    return [{api: row[column] for column, api in names} for row in dataset.rows(region)]


def _agreement_year(row) -> int:
    return row["year"]


def _period_year(row) -> int:
    return row["period"].year


# (address, dataset, schema name, the year a row belongs to for the `year` filter)
RESOURCES = [
    ("allocations", datasets.ALLOCATIONS, "Allocation", _agreement_year),
    ("requisitions", datasets.REQUISITIONS, "Requisition", _agreement_year),
    ("repayments", datasets.REPAYMENTS, "Repayment", _agreement_year),
    ("indicator-values", datasets.INDICATOR_VALUES, "IndicatorValue", _period_year),
]
