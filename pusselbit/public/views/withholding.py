"""Withholding records from the public: the region's register, and one initiative's page where
the county coordinator or administrator withholds it or lifts the withholding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.organisations.queries import object_in_region, region_with

from .. import publishing
from ..domain import lift_withholding, withhold_initiative
from ..forms import LiftForm, WithholdForm
from ..models import Withholding

PERM = "public.withhold_records"


@login_required
def register(request, region_slug):
    region = region_with(request, region_slug, PERM)
    withholdings = Withholding.objects.filter(region=region).select_related(
        "initiative", "withheld_by", "lifted_by"
    )
    decided = publishing.decided(region).select_related("stage").order_by("-decided_on", "-pk")
    return render(
        request,
        "public/withholdings.html",
        {
            "region": region,
            "withholdings": paginate(request, withholdings),
            "decided": paginate(request, decided, param="beslutade"),
        },
    )


def _initiative(region, pk):
    return get_object_or_404(publishing.decided(region).select_related("region"), pk=pk)


@login_required
def initiative(request, region_slug, pk):
    region, found = object_in_region(request, region_slug, _initiative, pk, perm=PERM)
    in_force = Withholding.objects.filter(initiative=found).in_force().first()
    form_class = LiftForm if in_force else WithholdForm
    form = form_class(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            if in_force:
                lift_withholding(in_force, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The withholding is lifted."))
            else:
                withhold_initiative(found, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The initiative is withheld from the public pages."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("withholding:initiative", region.slug, found.pk)
    return render(
        request,
        "public/withhold.html",
        {
            "region": region,
            "initiative": found,
            "in_force": in_force,
            "history": Withholding.objects.filter(initiative=found).select_related(
                "withheld_by", "lifted_by"
            ),
            "form": form,
        },
    )
