"""The log of check-ins with the management and cooperation groups concerned (step 7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..domain.meetings import record_check_in
from ..forms.meetings import CheckInForm
from .base import add_errors, check, initiative_for, to_detail


@login_required
def check_ins(request, region_slug, pk):
    """GET: the log, and the form for those who may add to it. POST: add a check-in."""
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.view_initiative", initiative)
    can_record = request.user.has_perm("initiatives.record_check_in", initiative)
    form = CheckInForm(request.POST or None) if can_record else None
    if request.method == "POST":
        check(request, "initiatives.record_check_in", initiative)
        if form.is_valid():
            try:
                record_check_in(initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The check-in is recorded."))
                # Back where the check-in was asked for: the initiative's meetings and check-ins.
                return to_detail(initiative, "meetings")
    return render(
        request,
        "initiatives/meetings/check_ins.html",
        {
            "region": initiative.region,
            "initiative": initiative,
            "check_ins": initiative.check_ins.select_related("recorded_by"),
            "form": form,
        },
    )
