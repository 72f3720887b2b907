"""The outcomes page (titled follow-up, uppföljning): for a region and a year (?ar=YYYY), the
effect measures of the running initiatives over the year and the action-plan indicators, each as
a chart with its table beside it. Another region's page is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from pusselbit.organisations.queries import region_with

from ..outcomes import default_year, outcomes, years_with_data


def _year(raw: str | None) -> int | None:
    """The asked-for year, or None when it is missing or not a plausible year."""
    if raw and raw.isdigit() and len(raw) == 4:
        return int(raw)
    return None


@login_required
def outcomes_view(request, region_slug):
    region = region_with(request, region_slug, "reporting.view_reporting")
    years = years_with_data(region)
    year = _year(request.GET.get("ar")) or default_year(years)
    options = sorted(set(years) | {year, timezone.localdate().year}, reverse=True)
    context = {
        "region": region,
        "year": year,
        "years": options,
        "outcomes": outcomes(region, year),
    }
    return render(request, "reporting/outcomes.html", context)
