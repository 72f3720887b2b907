"""Reads for the initiative page's meetings section, the start page's meetings and LSVO's agenda."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..enums import TransitionKind
from ..models import Invitation, Transition


def waits_for_lsvo():
    """True for an initiative whose stage LSVO leaves with its recommendation (the workflow's
    recommendation transitions), as an expression to annotate or filter by."""
    return Exists(
        Transition.objects.filter(source=OuterRef("stage"), kind=TransitionKind.RECOMMENDATION)
    )


def meetings_context(initiative, user) -> dict:
    """What the initiative page's meetings section needs: the meetings where the initiative
    was presented, with the actors named there, and its check-in log. A fixed number of
    queries however many there are."""
    return {
        "agenda_items": initiative.agenda_items.select_related("meeting")
        .prefetch_related("named_actors")
        .order_by("meeting__starts_at", "pk"),
        # The log grows with every month of the initiative: the page shows the latest, the
        # check-in page all of them. One row more than shown says whether there are more.
        **_latest_check_ins(initiative),
        "can_record_check_in": user.has_perm("initiatives.record_check_in", initiative),
        "can_manage_meetings": user.has_perm("initiatives.manage_meetings", initiative.region),
    }


CHECK_INS_SHOWN = 10


def _latest_check_ins(initiative) -> dict:
    latest = list(initiative.check_ins.select_related("recorded_by")[: CHECK_INS_SHOWN + 1])
    return {"check_ins": latest[:CHECK_INS_SHOWN], "more_check_ins": len(latest) > CHECK_INS_SHOWN}


# How far ahead the start page looks for the user's meetings.
UPCOMING_WEEKS = 6


def upcoming_invitations(user, *, weeks: int = UPCOMING_WEEKS):
    """The user's invitations to meetings that have not ended and start within `weeks`, the
    soonest first, with their meetings and regions: one query. Cancelled meetings are kept, so
    that the start page can say so."""
    now = timezone.now()
    return (
        Invitation.objects.filter(
            user=user,
            meeting__ends_at__gte=now,
            meeting__starts_at__lte=now + datetime.timedelta(weeks=weeks),
        )
        .select_related("meeting__region")
        .order_by("meeting__starts_at", "meeting__pk")
    )
