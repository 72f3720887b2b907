"""Downloads of the documents a region sends: an assignment document and a decision, each as
PDF and as Word. Scoped like every page: another region's document is a 404. An adopted
assignment and a registered decision are made from their records (records.py), as registered."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from pusselbit.assignments.models import Assignment
from pusselbit.core.downloads import DOCX, PDF, attachment
from pusselbit.initiatives.models import Decision
from pusselbit.organisations.queries import object_in_region

from . import pdf, records, word
from .context import Document

ASSIGNMENT_TEMPLATE = "documents/assignment.html"
DECISION_TEMPLATE = "documents/decision.html"


def assignment_for(region, pk) -> Assignment:
    """The assignment with every part its document shows, in a fixed number of queries."""
    return get_object_or_404(records.assignments_with_parts().filter(region=region), pk=pk)


def decision_for(region, pk) -> Decision:
    return get_object_or_404(
        records.decisions_with_parts().filter(initiative__region=region), pk=pk
    )


def pdf_response(document: Document, template: str) -> HttpResponse:
    """The document as a PDF download, or a 503 that says why not (no WeasyPrint here)."""
    try:
        content = pdf.render_pdf(document, template)
    except pdf.PdfUnavailable:
        return HttpResponse(
            _(
                "The PDF cannot be made on this server: WeasyPrint, or the Pango library it "
                "needs, is not installed. Download the Word file instead, and tell the "
                "platform operator."
            ),
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    return attachment(content, PDF, f"{document.filename}.pdf")


def docx_response(document: Document) -> HttpResponse:
    return attachment(word.render_docx(document), DOCX, f"{document.filename}.docx")


def _assignment(request, region_slug, pk) -> Document:
    _, assignment = object_in_region(
        request, region_slug, assignment_for, pk, perm="assignments.view_assignments"
    )
    return records.document_of_assignment(assignment)


def _decision(request, region_slug, decision_pk) -> Document:
    _, decision = object_in_region(
        request, region_slug, decision_for, decision_pk, perm="initiatives.view_initiative"
    )
    return records.document_of_decision(decision)


@login_required
def assignment_pdf(request, region_slug, pk):
    return pdf_response(_assignment(request, region_slug, pk), ASSIGNMENT_TEMPLATE)


@login_required
def assignment_docx(request, region_slug, pk):
    return docx_response(_assignment(request, region_slug, pk))


@login_required
def decision_pdf(request, region_slug, decision_pk):
    return pdf_response(_decision(request, region_slug, decision_pk), DECISION_TEMPLATE)


@login_required
def decision_docx(request, region_slug, decision_pk):
    return docx_response(_decision(request, region_slug, decision_pk))
