"""The API's documents. JSON names are camelCase throughout (`apiName` … as DIGG's profile names
the api-info fields, and every other resource the same way), dates and times RFC 3339, amounts
decimal strings with two decimals (a string, so no client rounds öre away through a float)."""

import datetime
from decimal import Decimal
from typing import Generic, TypeVar

from ninja import Schema
from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

T = TypeVar("T")


class Out(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Page(Out, Generic[T]):
    """One page of a list: `limit` items from `offset`, of `count` in all."""

    count: int = Field(description="How many items the list holds in all.")
    limit: int = Field(description="The most items one page holds (as asked).")
    offset: int = Field(description="How many items come before this page.")
    items: list[T]


class ApiInfo(Out):
    api_name: str
    api_version: str
    api_released: datetime.date
    api_documentation: str = Field(description="The OpenAPI description's address.")
    api_status: str = Field(description="active, deprecated or retired.")


class Region(Out):
    slug: str = Field(description="The region's name in addresses, e.g. dalarna.")
    code: str = Field(description="The county code (länskod), two digits.", examples=["20"])
    name: str = Field(examples=["Region Dalarna"])
    public_page: str = Field(description="The region's public pages.")


class Direction(Out):
    code: str = Field(examples=["VUX"])
    name: str = Field(description="The direction's name in Swedish.")
    name_en: str = Field(description="The direction's name in English.")


class InitiativeSummary(Out):
    id: int
    title: str
    summary: str
    decided_on: datetime.date = Field(description="The date of the first approving decision.")
    stage: str = Field(description="Where the initiative is now, in the region's workflow.")
    directions: list[Direction]
    organisations: list[str] = Field(description="The participating organisations.")
    public_page: str


class DecisionOut(Out):
    decided_on: datetime.date
    registration_number: str = Field(description="The diary number (diarienummer).")
    budget: Decimal | None = Field(description="The budget decided, in kronor.")
    bodies: list[str] = Field(description="The roles that take such a decision.")
    stage: str = Field(description="The stage the decision was taken in.")


class MeasureValueOut(Out):
    period_start: datetime.date
    period_end: datetime.date
    value: Decimal


class MeasureOut(Out):
    name: str
    target_group: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    values: list[MeasureValueOut]


class EvaluationOut(Out):
    summary: str
    effects: str
    lessons: str
    evaluated_on: datetime.date


class Initiative(InitiativeSummary):
    decisions: list[DecisionOut]
    measures: list[MeasureOut] = Field(description="Effect measures and their followed-up values.")
    final_evaluation: EvaluationOut | None
