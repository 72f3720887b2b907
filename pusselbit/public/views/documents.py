"""The region's published documents and reports, and their files, for everyone: cacheable as
the other public pages (public_page). The rules of what is published are documents.py's."""

from django.http import HttpResponse
from django.shortcuts import render

from pusselbit.core.downloads import stored_attachment

from .. import documents as public_documents
from .. import publishing
from .pages import public_page


@public_page
def documents(request, region):
    region = publishing.region_named(region)
    context = {
        "region": region,
        "reports": public_documents.published_reports(region),
        "assignments": public_documents.adopted_assignments(region),
    }
    return render(request, "public/documents.html", context)


def _download(download: public_documents.PublicDownload) -> HttpResponse:
    # Not private: this file is a public record, the same for everyone, which a shared cache
    # may keep as it keeps the pages.
    return stored_attachment(download.file, download.content_type, download.filename, private=False)


@public_page
def assignment_file(request, region, pk, extension):
    region = publishing.region_named(region)
    return _download(public_documents.assignment_file(region, pk, extension))


@public_page
def report_file(request, region, pk, extension):
    region = publishing.region_named(region)
    return _download(public_documents.report_file(region, pk, extension))
