"""The region's use-of-funds proposal for an agreement year: the proposal on screen (or the
button that starts it), its text and its directions' texts, adoption by the region's body, and
its PDF and Word. Another region's proposal is a 404; a page the roles do not allow a 403."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.forms import add_errors
from pusselbit.documents.responses import docx_response, pdf_response
from pusselbit.organisations.queries import object_in_region

from . import domain, queries
from .document import TEMPLATE, document_of
from .forms import AdoptForm, DirectionForm, ProposalForm

VIEW = "proposals.view_proposals"
MANAGE = "proposals.manage_proposals"


def _to_detail(proposal, anchor=""):
    response = redirect("proposals:detail", proposal.region.slug, proposal.agreement_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _proposal(request, region_slug, agreement_pk, perm=VIEW):
    _region, proposal = object_in_region(
        request, region_slug, queries.proposal_in, agreement_pk, perm=perm
    )
    return proposal


@login_required
def detail(request, region_slug, agreement_pk):
    region, agreement = object_in_region(
        request, region_slug, queries.agreement_in, agreement_pk, perm=VIEW
    )
    proposal = queries.proposal_or_none(region, agreement)
    user = request.user
    can_manage = user.has_perm(MANAGE, region)
    context = {
        "region": region,
        "agreement": agreement,
        "proposal": proposal,
        "can_manage": can_manage,
    }
    if proposal is not None:
        context |= {
            "document": document_of(proposal),
            "directions": list(proposal.directions.all()),
            "can_edit": can_manage and not proposal.adopted,
            "can_adopt": not proposal.adopted
            and user.has_perm("proposals.adopt_proposals", region),
        }
    return render(request, "proposals/detail.html", context)


@login_required
@require_POST
def create(request, region_slug, agreement_pk):
    region, agreement = object_in_region(
        request, region_slug, queries.agreement_in, agreement_pk, perm=MANAGE
    )
    proposal = domain.create_proposal(region, agreement, actor=request.user)
    messages.success(
        request, _("The proposal is a draft, with a part for each direction of the agreement.")
    )
    return _to_detail(proposal)


@login_required
def edit(request, region_slug, agreement_pk):
    proposal = _proposal(request, region_slug, agreement_pk, MANAGE)
    form = ProposalForm(request.POST or None, instance=copy(proposal), proposal=proposal)
    if not proposal.adopted and form.is_valid():
        try:
            domain.update_proposal(
                proposal, actor=request.user, opened_at=form.opened(), **form.values()
            )
        except ConcurrentEdit as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The use-of-funds proposal is saved."))
            return _to_detail(proposal)
    return render(
        request,
        "proposals/proposal_form.html",
        {"region": proposal.region, "proposal": proposal, "form": form},
    )


@login_required
def edit_direction(request, region_slug, agreement_pk, direction_pk):
    _region, part = object_in_region(
        request, region_slug, queries.direction_in, agreement_pk, direction_pk, perm=MANAGE
    )
    proposal = part.proposal
    form = DirectionForm(request.POST or None, instance=copy(part), proposal=proposal)
    if not proposal.adopted and form.is_valid():
        try:
            domain.update_proposal_direction(
                part, actor=request.user, opened_at=form.opened(), **form.values()
            )
        except ConcurrentEdit as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The direction's text is saved."))
            return _to_detail(proposal, f"direction-{part.pk}")
    return render(
        request,
        "proposals/direction_form.html",
        {"region": proposal.region, "proposal": proposal, "part": part, "form": form},
    )


@login_required
def adopt(request, region_slug, agreement_pk):
    proposal = _proposal(request, region_slug, agreement_pk, "proposals.adopt_proposals")
    form = AdoptForm(request.POST or None)
    if not proposal.adopted and form.is_valid():
        try:
            domain.adopt_proposal(proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The proposal is adopted. Its PDF and Word now stay as adopted.")
            )
            return _to_detail(proposal)
    return render(
        request,
        "proposals/adopt.html",
        {"region": proposal.region, "proposal": proposal, "form": form},
    )


@login_required
def proposal_pdf(request, region_slug, agreement_pk):
    return pdf_response(document_of(_proposal(request, region_slug, agreement_pk)), TEMPLATE)


@login_required
def proposal_docx(request, region_slug, agreement_pk):
    return docx_response(document_of(_proposal(request, region_slug, agreement_pk)))
