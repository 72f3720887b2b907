from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.deletion import ensure_removable
from pusselbit.core.permissions import require
from pusselbit.core.submissions import claim

from ..enums import CivilSocietyType, OrganisationKind
from ..models import AssociationMembership, OperationArea, Organisation, Region
from ..validators import organisation_number

# Regions and municipalities come from the reference data; their rows are the platform's.
REFERENCE_KINDS = {OrganisationKind.REGION, OrganisationKind.MUNICIPALITY}
ORGANISATION_FIELDS = ["name", "kind", "code", "civil_society_type", "organisation_number"]


def _check_type(kind, civil_society_type) -> None:
    if (kind == OrganisationKind.CIVIL_SOCIETY) != bool(civil_society_type):
        raise ValidationError(
            {"civil_society_type": _("A civil-society organisation needs a type; others none.")}
        )


def _may_change(organisation: Organisation, *, actor, kinds=(), number_only=False) -> None:
    """A region administrator changes their region's organisations; regions and
    municipalities (reference data) only the platform operator, but for their organisation
    number (`number_only`), which the region keeps for the payees it pays."""
    require(actor, "accounts.administer_region", organisation.region)
    if REFERENCE_KINDS & {organisation.kind, *kinds} and not number_only:
        require(actor, "accounts.operate_platform", organisation)


@transaction.atomic
def create_organisation(
    region: Region,
    name: str,
    kind: OrganisationKind,
    *,
    actor,
    code: str = "",
    civil_society_type: CivilSocietyType | str = "",
    submission=None,
) -> Organisation:
    """Create an organisation in a region. Civil-society organisations need a type;
    no other kind may have one. Regions and municipalities come from the reference data: only
    the platform operator (or the system) creates one. A form's `submission` key is claimed
    (core.submissions): sent twice, it raises AlreadySubmitted and creates nothing more.
    Side effects: the audit entry organisation.created."""
    _may_change(Organisation(region=region, kind=kind), actor=actor)
    _check_type(kind, civil_society_type)
    sent = claim(submission, actor=actor)
    _check_name_free(region, kind, name)
    organisation = Organisation.objects.create(
        region=region, name=name, kind=kind, code=code, civil_society_type=civil_society_type
    )
    audit.record("organisation.created", organisation, actor=actor, name=name, kind=kind)
    sent.made(organisation)
    return organisation


def _check_name_free(region, kind, name, *, other_than=None) -> None:
    # Two organisations of one kind and name in a region could not be told apart in any list.
    same = Organisation.objects.filter(region=region, kind=kind, name__iexact=name.strip())
    if other_than is not None:
        same = same.exclude(pk=other_than.pk)
    if same.exists():
        raise ValidationError(
            {"name": _("%(name)s is already an organisation of the region.") % {"name": name}}
        )


@transaction.atomic
def add_association_member(
    association: Organisation,
    member: Organisation,
    *,
    actor,
    counts_in_per_capita_split: bool = True,
    source: str = "",
) -> AssociationMembership:
    _may_change(association, actor=actor)
    if association.kind != OrganisationKind.ASSOCIATION:
        raise ValidationError(_("Only a municipal association has members."))
    if member.kind != OrganisationKind.MUNICIPALITY:
        raise ValidationError(_("Only a municipality can be a member of a municipal association."))
    # A municipality joins an association: a write, and not a user's role.
    link = AssociationMembership.objects.create(
        association=association,
        member=member,
        counts_in_per_capita_split=counts_in_per_capita_split,
        source=source,
    )
    audit.record("association.member_added", association, actor=actor, member=member.code)
    return link


@transaction.atomic
def add_operation_area(organisation: Organisation, name: str, *, actor) -> OperationArea:
    """Add an operation area (verksamhetsområde); its kind follows from the organisation.
    Anyone of the region may name a new one: the region administrator in the organisation
    pages, and whoever adds a participant to an initiative (initiatives.domain.participants).
    Side effects: the audit entry operation_area.added."""
    require(actor, "organisations.view_region", organisation.region)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("An operation area needs a name.")})
    if organisation.operation_areas.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("%(name)s already has that operation area.") % {"name": organisation.name}}
        )
    area = OperationArea.objects.create(organisation=organisation, name=name)
    audit.record("operation_area.added", area, actor=actor, name=name)
    return area


@transaction.atomic
def update_organisation(organisation: Organisation, *, actor, **fields) -> Organisation:
    """Change an organisation's name, kind, code, type or organisation number (its region
    stays). Side effects: the audit entry organisation.changed with the old and new value of
    what changed."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _may_change(
        locked,
        actor=actor,
        kinds=[fields.get("kind", locked.kind)],
        number_only=set(fields) == {"organisation_number"},
    )
    if "name" in fields:
        _check_name_free(
            locked.region, fields.get("kind", locked.kind), fields["name"], other_than=locked
        )
    if "organisation_number" in fields:
        try:
            fields["organisation_number"] = organisation_number(fields["organisation_number"])
        except ValidationError as error:
            raise ValidationError({"organisation_number": error.messages}) from error
    return audit.save_changes(
        locked,
        fields,
        "organisation.changed",
        actor=actor,
        check=lambda changed: _check_type(changed.kind, changed.civil_society_type),
    )


@transaction.atomic
def remove_organisation(organisation: Organisation, *, actor) -> None:
    """Remove an organisation set up by mistake, with its association links — only while
    nothing else (roles, initiatives, funds, reports, operation areas…) refers to it.
    Side effects: the audit entry organisation.removed."""
    _may_change(organisation, actor=actor)
    ensure_removable(organisation, parts=[AssociationMembership])
    audit.record(
        "organisation.removed",
        organisation.region,
        actor=actor,
        organisation=organisation.pk,
        name=organisation.name,
        kind=organisation.kind,
    )
    organisation.delete()


@transaction.atomic
def rename_operation_area(area: OperationArea, name: str, *, actor) -> OperationArea:
    """Side effects: the audit entry operation_area.renamed with the old and new name."""
    require(actor, "accounts.administer_region", area.organisation.region)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("An operation area needs a name.")})
    others = area.organisation.operation_areas.exclude(pk=area.pk)
    if others.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("%(name)s already has that operation area.") % {"name": area.organisation}}
        )
    before = OperationArea.objects.get(pk=area.pk).name
    area.name = name
    area.save(update_fields=["name"])
    audit.record("operation_area.renamed", area, actor=actor, before=before, name=name)
    return area


@transaction.atomic
def remove_operation_area(area: OperationArea, *, actor) -> None:
    """Remove an operation area no initiative names. Side effects: the audit entry
    operation_area.removed."""
    require(actor, "accounts.administer_region", area.organisation.region)
    ensure_removable(area)
    audit.record(
        "operation_area.removed", area.organisation, actor=actor, area=area.pk, name=area.name
    )
    area.delete()


@transaction.atomic
def change_association_member(
    link: AssociationMembership, *, actor, counts_in_per_capita_split: bool, source: str = ""
) -> AssociationMembership:
    """Side effects: the audit entry association.member_changed."""
    require(actor, "accounts.administer_region", link.association.region)
    link.counts_in_per_capita_split, link.source = counts_in_per_capita_split, source
    link.save(update_fields=["counts_in_per_capita_split", "source"])
    audit.record(
        "association.member_changed",
        link.association,
        actor=actor,
        member=link.member.code,
        counts_in_per_capita_split=counts_in_per_capita_split,
    )
    return link


@transaction.atomic
def remove_association_member(link: AssociationMembership, *, actor) -> None:
    """Side effects: the audit entry association.member_removed. Allocations made before keep
    their shares."""
    require(actor, "accounts.administer_region", link.association.region)
    audit.record(
        "association.member_removed", link.association, actor=actor, member=link.member.code
    )
    link.delete()
