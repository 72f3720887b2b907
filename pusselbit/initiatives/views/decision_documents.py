"""A registered decision as PDF and as Word, made from its record as registered. Another
region's decision is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from pusselbit.documents.responses import docx_response, pdf_response
from pusselbit.organisations.queries import object_in_region

from ..document import decisions_with_parts, document_of_decision

TEMPLATE = "documents/decision.html"


def decision_with_parts(region, pk):
    return get_object_or_404(decisions_with_parts().filter(initiative__region=region), pk=pk)


def _document(request, region_slug, decision_pk):
    _, decision = object_in_region(
        request, region_slug, decision_with_parts, decision_pk, perm="initiatives.view_initiative"
    )
    return document_of_decision(decision)


@login_required
def decision_pdf(request, region_slug, decision_pk):
    return pdf_response(_document(request, region_slug, decision_pk), TEMPLATE)


@login_required
def decision_docx(request, region_slug, decision_pk):
    return docx_response(_document(request, region_slug, decision_pk))
