from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.db.models.functions import ExtractYear
from django.shortcuts import render

from pusselbit.organisations.queries import region_for

from ..forms.pipeline import PipelineFilterForm
from ..models import Initiative, Stage
from ..queries import initiatives as initiative_queries


@login_required
def pipeline(request, region_slug):
    """The region's initiatives by stage, with filters and search (a GET form)."""
    region = region_for(request.user, region_slug)
    years = sorted(
        set(
            Initiative.objects.filter(region=region)
            .annotate(year=ExtractYear("created_at"))
            .values_list("year", flat=True)
        ),
        reverse=True,
    )
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
    initiatives = list(initiative_queries.pipeline(region, **filters))
    stages = list(Stage.objects.filter(workflow__region=region).order_by("order"))
    by_stage = {
        stage_id: list(group) for stage_id, group in groupby(initiatives, key=lambda i: i.stage_id)
    }
    columns = [
        (stage, by_stage.get(stage.pk, []))
        for stage in stages
        if stage.pk in by_stage or not filters.get("stage")
    ]
    return render(
        request,
        "initiatives/pipeline.html",
        {
            "region": region,
            "form": form,
            "columns": columns,
            "count": len(initiatives),
            "filtered": any(filters.values()),
            "can_create": request.user.has_perm("initiatives.create_initiative", region),
        },
    )
