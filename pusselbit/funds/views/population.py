"""The region's population figures: which reference dates it holds, and a file of figures for
any date loaded on a page (finance officers), with the same checks as `load_population`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.formatting import format_long_date
from pusselbit.organisations.domain import PopulationFileError, load_population_file
from pusselbit.organisations.queries import held_dates, region_with

from ..forms.population import PopulationUploadForm


@login_required
def population(request, region_slug):
    region = region_with(request, region_slug, "funds.manage_funds")
    posted = request.method == "POST"
    form = PopulationUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        uploaded = form.cleaned_data["file"]
        date = form.cleaned_data["reference_date"]
        try:
            loaded = load_population_file(
                uploaded.name,
                uploaded.read(),
                date,
                actor=request.user,
                source=form.cleaned_data["source"],
                region=region,
            )
        except PopulationFileError as error:
            form.add_error(
                "file", [_("The file was refused and nothing was saved."), *error.messages]
            )
        else:
            messages.success(
                request,
                _(
                    "Population figures for %(count)d municipalities at %(date)s are saved "
                    "(%(written)d new or changed)."
                )
                % {
                    "count": loaded.municipalities,
                    "date": format_long_date(date),
                    "written": loaded.written,
                },
            )
            return redirect("funds:population", region.slug)
    return render(
        request,
        "funds/population.html",
        {
            "region": region,
            "form": form,
            "dates": held_dates(region),
            "municipality_count": region.organisations.municipalities().count(),
        },
    )
