"""The open data, for anyone without signing in: the catalogue and each region's datasets.
Public records, the same for everyone, so shared caches may keep them for an hour."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from pusselbit.core.scoping import scopes_disabled
from pusselbit.organisations.models import Region

from . import formats
from .catalogue import catalogue as build_catalogue
from .catalogue import regions_with_data
from .datasets import BY_SLUG, DATASETS

ONE_HOUR = 3600


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=ONE_HOUR)
    return response


def _dataset(slug: str):
    if slug not in BY_SLUG:
        raise Http404
    return BY_SLUG[slug]


@require_safe
def index(request):
    """The open data for people: every region's datasets with their files and descriptions."""
    with scopes_disabled():
        regions = list(regions_with_data())
    response = render(
        request,
        "opendata/index.html",
        {
            "regions": regions,
            "datasets": DATASETS,
            "catalogue_url": request.build_absolute_uri(reverse("opendata:catalogue")),
        },
    )
    return response if request.user.is_authenticated else _public(response)


@require_safe
def catalogue(request):
    xml = build_catalogue().serialize(format="pretty-xml")
    return _public(HttpResponse(xml, content_type="application/rdf+xml; charset=utf-8"))


def _rows(region_slug: str, dataset_slug: str):
    """Any region's files, an empty one's with its header only: the public pages link every
    region's (the catalogue lists the regions with data)."""
    dataset = _dataset(dataset_slug)
    region = get_object_or_404(Region, slug=region_slug)
    return dataset, region, dataset.rows(region)


def _file(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # inline: a browser shows it, a program saves it under this name.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _public(response)


@require_safe
def csv(request, region, dataset):
    dataset, region, rows = _rows(region, dataset)
    return _file(
        formats.to_csv(dataset, rows),
        "text/csv; charset=utf-8; header=present",
        f"{dataset.slug}-{region.slug}.csv",
    )


@require_safe
def json(request, region, dataset):
    dataset, region, rows = _rows(region, dataset)
    return _file(
        formats.to_json(dataset, rows), "application/json", f"{dataset.slug}-{region.slug}.json"
    )


@require_safe
def readme(request, dataset):
    dataset = _dataset(dataset)
    return _file(formats.readme(dataset), "text/plain; charset=utf-8", f"{dataset.slug}.md")
