"""Reads for the initiative page's meetings section."""


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
