"""Every published initiative of a region as one plain record with its decisions summed up:
the open data's decided initiatives (and the API's), read by publishing.py's rules.

A record carries what the public pages show, never more: no person, no assessment, no note.
Read with the scoping disabled, narrowly, filtered by the region, in four queries however many
initiatives there are."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.models import Participant
from pusselbit.organisations.enums import OrganisationKind

from .publishing import _approvals, _organisations, published


@dataclass
class PublicRecord:
    pk: int
    title: str
    summary: str
    directions: list[str]  # the directions' codes
    organisations: list[str]  # the participating organisations' names, each once
    municipality_codes: list[str]  # of the participating municipalities, each once
    decided_on: datetime.date  # the first approving decision in force
    registration_numbers: list[str] = field(default_factory=list)  # of those decisions
    budget: Decimal | None = None  # the sum of their budgets; None when none states one
    stage: str = ""  # the stage's name in Swedish
    stage_en: str = ""


def decided_records(region) -> list[PublicRecord]:
    """The region's published (decided, not withheld) initiatives, newest decision first."""
    with scopes_disabled():
        initiatives = list(
            published(region)
            .select_related("stage")
            .prefetch_related(
                "directions",
                Prefetch(
                    "participants",
                    Participant.objects.select_related("organisation").order_by(
                        "organisation__name", "pk"
                    ),
                ),
            )
            .order_by("-decided_on", "-pk")
        )
        decisions = {}
        for decision in (
            _approvals()
            .filter(initiative__in=[i.pk for i in initiatives])
            .order_by("decided_on", "pk")
        ):
            decisions.setdefault(decision.initiative_id, []).append(decision)
        return [_record(i, decisions.get(i.pk, [])) for i in initiatives]


def _record(initiative, decisions) -> PublicRecord:
    budgets = [d.budget for d in decisions if d.budget is not None]
    municipalities = [
        p.organisation.code
        for p in initiative.participants.all()
        if p.organisation.kind == OrganisationKind.MUNICIPALITY and p.organisation.code
    ]
    return PublicRecord(
        pk=initiative.pk,
        title=initiative.title,
        summary=initiative.idea,
        directions=[d.code for d in sorted(initiative.directions.all(), key=_direction_order)],
        organisations=_organisations(initiative),
        municipality_codes=list(dict.fromkeys(municipalities)),
        decided_on=initiative.decided_on,
        registration_numbers=[d.registration_number for d in decisions if d.registration_number],
        budget=sum(budgets, Decimal(0)) if budgets else None,
        stage=initiative.stage.name,
        stage_en=initiative.stage.name_en,
    )


def _direction_order(direction):
    return (direction.order, direction.code)
