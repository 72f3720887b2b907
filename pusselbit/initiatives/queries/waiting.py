"""Reads for "waiting for you": a bounded summary per region for the start page and the full
list of one region, page by page. Both count and cut in the database, so a county coordinator
with thousands of initiatives waiting gets the same few rows as one with three."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from ..models import Initiative
from .initiatives import waiting_for

# How many of the newest waiting initiatives the start page shows per region.
NEWEST = 10


@dataclass
class Waiting:
    count: int
    newest: list = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.count > len(self.newest)


def waiting_summary(user, *, newest: int = NEWEST) -> dict[int, Waiting]:
    """Per region id: how many initiatives wait for the user there and the `newest` most
    recently changed of them. Three queries (an aggregate, the ids ranked by a window function,
    their rows) besides waiting_for's own, however many regions and initiatives there are."""
    waiting = waiting_for(user)
    summary = {
        row["region"]: Waiting(row["count"])
        for row in waiting.order_by().values("region").annotate(count=Count("pk"))
    }
    if not summary:
        return summary
    # Ranked over the narrow rows (id, region, updated) only; the few kept are then read whole.
    ranked = waiting.annotate(
        rank=Window(
            RowNumber(),
            partition_by=F("region_id"),
            order_by=[F("updated_at").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=newest)
    # The ids first (a list, not a subquery), so the rows are read by primary key: as a
    # subquery the planner may scan every region's initiatives to join them.
    ids = list(ranked.values_list("pk", flat=True))
    newest_rows = (
        Initiative.objects.filter(pk__in=ids)
        .select_related("stage")
        .order_by("region_id", "-updated_at", "-pk")
    )
    for initiative in newest_rows:
        summary[initiative.region_id].newest.append(initiative)
    return summary


def waiting_in(user, region):
    """Every initiative of the region waiting for the user, most recently changed first, for a
    paginated list."""
    return (
        waiting_for(user, regions=[region])
        .select_related("stage", "organisation")
        .order_by("-updated_at", "-pk")
    )
