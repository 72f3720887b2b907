from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from pusselbit.core.formsets import ErrorSummary, show_refusals
from pusselbit.core.rows import RowsRefused

from .. import domain
from ..forms.participants import ParticipantFormSet, RegionChoices
from ..workflows.gates import GATES
from .base import check, initiative_for, to_detail


@login_required
def manage(request, region_slug, pk):
    """Everyone taking part, each editable in its row (operation area, contact, removal), and
    blank rows to add organisations: saved with one press, back at the initiative's
    participants."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.manage_participants", initiative)
    rows = ParticipantFormSet(
        request.POST if request.method == "POST" else None,
        queryset=initiative.participants.select_related("organisation", "operation_area"),
        prefix="participant",
        form_kwargs={"region": initiative.region, "choices": RegionChoices(initiative.region)},
    )
    if request.method == "POST" and rows.is_valid():
        try:
            domain.save_participants(initiative, rows.changes(), actor=request.user)
        except RowsRefused as refused:
            show_refusals(refused.refusals)
        else:
            messages.success(request, _("The participants are saved."))
            return to_detail(initiative, "participants")
    return render(
        request,
        "initiatives/participants.html",
        {
            "initiative": initiative,
            "rows": rows,
            "errors": ErrorSummary(rows),
            "unmet": GATES["participant_mix"].check(initiative),
        },
    )
