"""A region's funds for an agreement year, per direction, kept by its finance officer.

The agreement (ÖK <year>) is national: the same for every region. The first region to record
funds for a year opens it; its use-by date may be changed by a region only while no other
region has funds under it (after that it is the platform operator's, in the admin). The
region's amounts are its own: not registered records (SPEC.md, "Trust": ideas, decisions,
requisitions and reports are), so they are corrected in place, each change audited with what it
was, and never under money committed or allocated against it."""

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.deletion import dependants
from pusselbit.core.formatting import format_iso_date, format_money
from pusselbit.core.permissions import require
from pusselbit.core.scoping import scopes_disabled

from ..models import Agreement, Allocation, RegionFunds, Share

FULL_NAME = "Överenskommelse om insatser inom området psykisk hälsa och suicidprevention {year}"


def amount_field(direction) -> str:
    """The name of a direction's amount, in the form and in a refusal's errors."""
    return f"amount_{direction.code}"


def agreement_of_year(year: int) -> Agreement | None:
    return Agreement.objects.filter(year=year).order_by("pk").first()


def funds_fingerprint(agreement: Agreement | None, region) -> str:
    """What the region's funds for the agreement are now, in a few characters: a page carries
    the fingerprint it was opened at, and a save from a page opened before someone else's is
    refused rather than overwriting it."""
    if agreement is None:
        return "-"
    rows = RegionFunds.objects.filter(agreement=agreement, region=region).order_by("direction_id")
    state = [format_iso_date(agreement.use_by), *map(str, rows.values_list("direction", "amount"))]
    return hashlib.sha256("|".join(state).encode()).hexdigest()[:16]


@transaction.atomic
def record_agreement_year_funds(
    region, year: int, use_by, amounts: dict, *, actor, seen: str | None = None
) -> Agreement:
    """Set what agreement year `year` brings `region`: `amounts` maps each direction to its
    amount in kronor and öre, or None for no funds (removing funds recorded before, while
    nothing is allocated from them). The year's agreement is opened with `use_by` if no region
    has it yet. `seen` is the fingerprint the page was opened at (ConcurrentEdit when the funds
    have changed since). Raises ValidationError naming the fields, writing nothing.

    Side effects: the audit entries agreement.created or agreement.changed (its use-by date),
    funds.set (new), funds.corrected (with the amount before) and funds.removed."""
    require(actor, "funds.manage_funds", region)
    agreement = agreement_of_year(year)
    if agreement is not None:
        # Locking the agreement makes every save of its funds wait for the one before.
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if seen is not None and seen != funds_fingerprint(agreement, region):
        raise ConcurrentEdit(
            _("Someone saved the funds of this agreement year after you opened the page.")
        )
    agreement = _with_use_by(agreement, region, year, use_by, actor=actor)
    existing = {
        funds.direction_id: funds
        for funds in RegionFunds.objects.filter(agreement=agreement, region=region)
    }
    errors = {}
    for direction, amount in amounts.items():
        try:
            _set(agreement, region, direction, amount, existing.get(direction.pk), actor=actor)
        except ValidationError as error:
            errors[amount_field(direction)] = error.messages
    if errors:
        raise ValidationError(errors)  # the atomic block rolls back what was set before
    return agreement


def _with_use_by(agreement, region, year, use_by, *, actor) -> Agreement:
    if agreement is None:
        agreement = Agreement.objects.create(
            name=f"ÖK {year}", full_name=FULL_NAME.format(year=year), year=year, use_by=use_by
        )
        audit.record(
            "agreement.created", agreement, actor=actor, name=agreement.name, region=region.pk
        )
        return agreement
    if agreement.use_by == use_by:
        return agreement
    # Whether another region has funds under it: a yes or no across regions, nothing more.
    with scopes_disabled():
        shared = RegionFunds.objects.filter(agreement=agreement).exclude(region=region).exists()
    if shared:
        raise ValidationError(
            {
                "use_by": _(
                    "%(agreement)s is to be used by %(date)s for every region that has funds "
                    "under it; only the platform operator changes that date."
                )
                % {"agreement": agreement.name, "date": format_iso_date(agreement.use_by)}
            }
        )
    before = agreement.use_by
    agreement.use_by = use_by
    agreement.save(update_fields=["use_by"])
    audit.record(
        "agreement.changed",
        agreement,
        actor=actor,
        changed={"use_by": [before, use_by]},
        region=region.pk,
    )
    return agreement


def _set(agreement, region, direction, amount: Decimal | None, funds, *, actor) -> None:
    if funds is None:
        if amount is not None:
            funds = RegionFunds.objects.create(
                agreement=agreement, region=region, direction=direction, amount=amount
            )
            audit.record("funds.set", funds, actor=actor, amount=amount)
        return
    if amount == funds.amount:
        return
    if amount is None:
        in_use = dependants(funds)
        if in_use:
            raise ValidationError(
                _("The funds cannot be removed: %(rows)s refer to them.")
                % {"rows": ", ".join(in_use)}
            )
        audit.record(
            "funds.removed",
            region,
            actor=actor,
            agreement=agreement.pk,
            direction=direction.code,
            amount=funds.amount,
        )
        funds.delete()
        return
    _may_correct(funds, amount)
    before = funds.amount
    funds.amount = amount
    funds.save(update_fields=["amount"])
    audit.record("funds.corrected", funds, actor=actor, before=before, amount=amount)


def _may_correct(funds: RegionFunds, amount: Decimal) -> None:
    """Money committed against the funds holds their amount; an allocation holds it above
    what it gives out (allocate again first to lower it further)."""
    shares = Share.objects.filter(allocation__funds=funds)
    if shares.filter(commitments__isnull=False).exists():
        raise ValidationError(_("Funds are committed from this direction; its amount stays."))
    allocation = Allocation.objects.filter(funds=funds).first()
    if allocation is not None:
        allocated = sum((share.amount for share in shares), Decimal("0"))
        if amount < allocated:
            raise ValidationError(
                _(
                    "%(allocated)s is allocated from this direction; allocate it again before "
                    "lowering the amount below that."
                )
                % {"allocated": format_money(allocated)}
            )
