"""Finding a region's proposals: an agreement that brings the region funds, the region's
proposal for it, and a direction of that proposal. Anything else is a 404."""

from django.shortcuts import get_object_or_404

from pusselbit.funds.models import Agreement

from .models import Proposal, ProposalDirection


def agreement_in(region, pk) -> Agreement:
    return get_object_or_404(Agreement.objects.filter(funds__region=region).distinct(), pk=pk)


def proposal_or_none(region, agreement) -> Proposal | None:
    return (
        Proposal.objects.filter(region=region, agreement=agreement)
        .select_related("region", "agreement")
        .first()
    )


def proposal_in(region, agreement_pk) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("region", "agreement"),
        region=region,
        agreement_id=agreement_pk,
    )


def direction_in(region, agreement_pk, pk) -> ProposalDirection:
    return get_object_or_404(
        ProposalDirection.objects.select_related("proposal__region", "proposal__agreement"),
        proposal__region=region,
        proposal__agreement_id=agreement_pk,
        pk=pk,
    )
