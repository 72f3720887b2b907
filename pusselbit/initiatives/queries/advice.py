"""Reads for the advice and the reason to proceed on the initiative page, the criteria page and
LSVO's recommendation page."""

from django.db.models import Prefetch

from pusselbit.organisations.models import Organisation

from ..enums import Assessment, Criterion
from ..workflows.gates import not_met_without_reason


def advice_entries(initiative):
    """The initiative's advice, newest first, with everything an entry shows (four queries
    however many entries)."""
    return initiative.advice_entries.select_related(
        "stage", "agreement", "recorded_by"
    ).prefetch_related(
        "priority_areas",
        "directions",
        Prefetch("suggested_actors", queryset=Organisation.objects.order_by("name")),
    )


def reason_context(initiative) -> dict:
    """The criteria assessed as not met, the newest reason to proceed (and the criteria it was
    given for), and the criteria assessed as not met that no reason covers."""
    newest = initiative.reasons_to_proceed.select_related("recorded_by").first()
    return {
        "not_met": [
            a
            for a in initiative.criterion_assessments.order_by("pk")
            if a.assessment == Assessment.NOT_MET
        ],
        "newest": newest,
        "newest_labels": [Criterion(c).label for c in newest.criteria] if newest else [],
        "uncovered": not_met_without_reason(initiative),
    }
