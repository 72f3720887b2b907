"""The compiled county report as downloads: .xlsx, .docx and PDF, for the county coordinator."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pusselbit.documents.views import _attachment, _pdf
from pusselbit.documents.word import render_docx
from pusselbit.organisations.queries import region_for

from .compile import compiled_document, compiled_xlsx
from .models import Requirement

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _requirement(request, region_slug, requirement_pk):
    region = region_for(request.user, region_slug)
    if not request.user.has_perm("reporting.manage_reporting", region):
        raise PermissionDenied
    return get_object_or_404(
        Requirement.objects.filter(region=region).select_related(
            "agreement", "region", "question_set"
        ),
        pk=requirement_pk,
    )


@login_required
def compiled_report_xlsx(request, region_slug, requirement_pk):
    requirement = _requirement(request, region_slug, requirement_pk)
    document = compiled_document(requirement)
    return _attachment(compiled_xlsx(requirement), XLSX, f"{document.filename}.xlsx")


@login_required
def compiled_report_docx(request, region_slug, requirement_pk):
    document = compiled_document(_requirement(request, region_slug, requirement_pk))
    return _attachment(render_docx(document), DOCX, f"{document.filename}.docx")


@login_required
def compiled_report_pdf(request, region_slug, requirement_pk):
    document = compiled_document(_requirement(request, region_slug, requirement_pk))
    return _pdf(document, "documents/assignment.html")
