"""The proposal as LSVO reads it, as PDF and as Word, for everyone of the region once the
initiative has a proposal; and an LSVO meeting's proposals in one file, after its agenda.
Another region's initiative or meeting is a 404, and so is an initiative without a proposal
or a meeting that is not LSVO's."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from pusselbit.documents.responses import docx_response, pdf_response
from pusselbit.organisations.queries import object_in_region

from ..agenda_document import TEMPLATE as BUNDLE_TEMPLATE
from ..agenda_document import meeting_bundle
from ..enums import MeetingKind
from ..proposal_document import TEMPLATE, initiatives_with_proposal, proposal_document
from .meetings import meeting_for


def _with_proposal(region, pk):
    return get_object_or_404(
        initiatives_with_proposal().filter(region=region, proposal__isnull=False), pk=pk
    )


def _document(request, region_slug, pk):
    _, initiative = object_in_region(
        request, region_slug, _with_proposal, pk, perm="initiatives.view_initiative"
    )
    return proposal_document(initiative)


@login_required
def proposal_pdf(request, region_slug, pk):
    return pdf_response(_document(request, region_slug, pk), TEMPLATE)


@login_required
def proposal_docx(request, region_slug, pk):
    return docx_response(_document(request, region_slug, pk))


def _bundle(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    if meeting.kind != MeetingKind.LSVO:
        raise Http404
    initiatives = initiatives_with_proposal().filter(agenda_items__meeting=meeting)
    return meeting_bundle(meeting, initiatives.order_by("agenda_items__order", "agenda_items__pk"))


@login_required
def meeting_proposals_pdf(request, region_slug, meeting_pk):
    return pdf_response(_bundle(request, region_slug, meeting_pk), BUNDLE_TEMPLATE)


@login_required
def meeting_proposals_docx(request, region_slug, meeting_pk):
    return docx_response(_bundle(request, region_slug, meeting_pk))
