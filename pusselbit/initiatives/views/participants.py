from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .. import domain
from ..forms.participants import ParticipantEditForm, ParticipantForm
from ..workflows.gates import GATES
from .base import add_errors, check, initiative_for, to_detail


@login_required
def manage(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.manage_participants", initiative)
    form = ParticipantForm(request.POST or None, region=initiative.region)
    if form.is_valid():
        data = form.cleaned_data
        try:
            domain.add_participant(
                initiative,
                data["organisation"],
                actor=request.user,
                operation_area=data["operation_area"],
                new_operation_area=data["new_operation_area"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The participant is added."))
            return to_detail(initiative, "participants")
    participants = initiative.participants.select_related(
        "organisation", "operation_area__organisation"
    )
    return render(
        request,
        "initiatives/participants.html",
        {
            "initiative": initiative,
            "form": form,
            "participants": participants,
            "unmet": GATES["participant_mix"].check(initiative),
        },
    )


def _participant_for(request, region_slug, pk, participant_pk):
    initiative = initiative_for(request, region_slug, pk)
    participant = get_object_or_404(
        initiative.participants.select_related("organisation", "operation_area"),
        pk=participant_pk,
    )
    check(request, "initiatives.manage_participants", initiative)
    return initiative, participant


@login_required
def edit(request, region_slug, pk, participant_pk):
    initiative, participant = _participant_for(request, region_slug, pk, participant_pk)
    form = ParticipantEditForm(request.POST or None, participant=participant)
    if form.is_valid():
        data = form.cleaned_data
        try:
            domain.change_participant(
                participant,
                actor=request.user,
                operation_area=data["operation_area"],
                new_operation_area=data["new_operation_area"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("%(participant)s is saved.") % {"participant": participant.organisation}
            )
            return to_detail(initiative, "participants")
    title = _("Edit the participant %(participant)s") % {"participant": participant.organisation}
    return render(
        request,
        "initiatives/simple_form.html",
        {"initiative": initiative, "form": form, "title": title},
    )


@login_required
def remove(request, region_slug, pk, participant_pk):
    """GET asks first (a page, no script needed); POST removes."""
    initiative, participant = _participant_for(request, region_slug, pk, participant_pk)
    if request.method != "POST":
        return render(
            request,
            "initiatives/participant_remove.html",
            {"initiative": initiative, "participant": participant},
        )
    domain.remove_participant(participant, actor=request.user)
    messages.success(
        request, _("%(participant)s no longer takes part.") % {"participant": participant}
    )
    return to_detail(initiative, "participants")
