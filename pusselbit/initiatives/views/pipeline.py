from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pusselbit.core.pagination import paginate
from pusselbit.organisations.queries import region_named

from ..forms.pipeline import PipelineFilterForm
from ..models import Stage
from ..queries import initiatives as initiative_queries

# The overview shows this many of each stage, newest change first; the rest are one link away.
NEWEST_PER_STAGE = 5


@login_required
def pipeline(request, region_slug):
    """The region's initiatives by stage, with filters and search (a GET form).

    Without a stage filter: each stage's count and its newest few, with a link to all of them.
    With one: that stage's initiatives a page at a time. Either way a fixed number of queries and
    a bounded page, however many initiatives the region has."""
    region = region_named(request, region_slug)
    years = initiative_queries.pipeline_years(region)
    form = PipelineFilterForm(request.GET or None, region=region, years=years)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "stage": data["stage"],
            "organisation": data["organisation"],
            "direction": data["direction"],
            "year": data["year"],
            "text": data["q"],
        }
    initiatives = initiative_queries.pipeline(region, **filters)
    context = {
        "region": region,
        "form": form,
        "filtered": any(filters.values()),
        "can_create": request.user.has_perm("initiatives.create_initiative", region),
    }
    if stage := filters.get("stage"):
        page = paginate(request, initiative_queries.pipeline_page(initiatives))
        context.update(stage=stage, page=page, count=page.paginator.count)
    else:
        counts = initiative_queries.pipeline_counts(initiatives)
        newest = initiative_queries.pipeline_newest(initiatives, NEWEST_PER_STAGE)
        stages = Stage.objects.filter(workflow__region=region).order_by("order", "pk")
        context.update(
            columns=[(s, counts.get(s.pk, 0), newest.get(s.pk, [])) for s in stages],
            count=sum(counts.values()),
        )
    return render(request, "initiatives/pipeline.html", context)
