"""Every write to the money goes through these functions."""

from .agreements import remove_agreement, update_agreement
from .allocations import (
    AllocationRefused,
    RateTotalUnconfirmed,
    allocate_funds,
    create_agreement,
    set_region_funds,
    weights_from_file,
)
from .ledger import InsufficientFunds, commit_funds, release_commitments, report_spending
from .region_funds import record_agreement_year_funds
from .requisitions import record_requisition

__all__ = [
    "AllocationRefused",
    "InsufficientFunds",
    "RateTotalUnconfirmed",
    "allocate_funds",
    "commit_funds",
    "create_agreement",
    "record_agreement_year_funds",
    "record_requisition",
    "release_commitments",
    "remove_agreement",
    "report_spending",
    "set_region_funds",
    "update_agreement",
    "weights_from_file",
]
