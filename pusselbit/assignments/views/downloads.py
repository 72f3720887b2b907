"""An assignment document as PDF and as Word: an adopted one as it was adopted (its record),
a draft as its parts stand. Another region's assignment is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from pusselbit.documents.responses import docx_response, pdf_response
from pusselbit.organisations.queries import object_in_region

from ..document import assignments_with_parts, document_of_assignment

TEMPLATE = "documents/assignment.html"


def assignment_with_parts(region, pk):
    """The assignment with every part its document shows, in a fixed number of queries."""
    return get_object_or_404(assignments_with_parts().filter(region=region), pk=pk)


def _document(request, region_slug, pk):
    _, assignment = object_in_region(
        request, region_slug, assignment_with_parts, pk, perm="assignments.view_assignments"
    )
    return document_of_assignment(assignment)


@login_required
def document_pdf(request, region_slug, pk):
    return pdf_response(_document(request, region_slug, pk), TEMPLATE)


@login_required
def document_docx(request, region_slug, pk):
    return docx_response(_document(request, region_slug, pk))
