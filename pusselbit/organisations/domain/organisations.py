from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit

from ..enums import CivilSocietyType, OrganisationKind
from ..models import AssociationMembership, OperationArea, Organisation, Region


@transaction.atomic
def create_organisation(
    region: Region,
    name: str,
    kind: OrganisationKind,
    *,
    actor,
    code: str = "",
    civil_society_type: CivilSocietyType | str = "",
) -> Organisation:
    """Create an organisation in a region. Civil-society organisations need a type;
    no other kind may have one."""
    if (kind == OrganisationKind.CIVIL_SOCIETY) != bool(civil_society_type):
        raise ValidationError(
            {"civil_society_type": _("A civil-society organisation needs a type; others none.")}
        )
    organisation = Organisation.objects.create(
        region=region, name=name, kind=kind, code=code, civil_society_type=civil_society_type
    )
    audit.record("organisation.created", organisation, actor=actor, name=name, kind=kind)
    return organisation


@transaction.atomic
def add_association_member(
    association: Organisation,
    member: Organisation,
    *,
    actor,
    counts_in_per_capita_split: bool = True,
    source: str = "",
) -> AssociationMembership:
    if association.kind != OrganisationKind.ASSOCIATION:
        raise ValidationError(_("Only a municipal association has members."))
    if member.kind != OrganisationKind.MUNICIPALITY:
        raise ValidationError(_("Only a municipality can be a member of a municipal association."))
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
    """Add an operation area (verksamhetsområde); its kind follows from the organisation."""
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
