from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.core.formatting import swedish_sort_key
from pusselbit.core.links import url_maker

from . import queries
from .forms import ReferenceDateForm


@login_required
def municipality_list(request, region_slug):
    region = queries.region_named(request, region_slug)
    form = ReferenceDateForm(request.GET or None, dates=queries.population_dates(region))
    reference_date = form.selected_date()
    municipalities = sorted(
        queries.municipalities_at(region, reference_date), key=lambda m: swedish_sort_key(m.name)
    )
    detail = url_maker("organisations:organisation_detail", region.slug)
    for municipality in municipalities:
        municipality.detail_url = detail(municipality.pk)
    known = [m.population for m in municipalities if m.population is not None]
    return render(
        request,
        "organisations/municipality_list.html",
        {
            "region": region,
            "form": form,
            "reference_date": reference_date,
            "municipalities": municipalities,
            "total_population": sum(known) if known else None,
            "missing_count": len(municipalities) - len(known),
        },
    )


@login_required
def organisation_detail(request, region_slug, pk):
    region, organisation = queries.object_in_region(
        request, region_slug, queries.organisation_in, pk, perm="organisations.view_region"
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "region": region,
            "organisation": organisation,
            "figures": organisation.population_figures.order_by("-reference_date"),
            "operation_areas": organisation.operation_areas.all(),
            "associations": organisation.association_links.select_related("association"),
            "members": organisation.member_links.select_related("member"),
        },
    )
