from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Municipal association")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")


class CivilSocietyType(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    COOPERATIVE = "cooperative", _("Cooperative")
    CHARITY = "charity", _("Charity")
    BUSINESS = "business", _("Business")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    USER_ORGANISATION = "user_organisation", _("User organisation")


class OperationAreaKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    REGIONAL = "regional", _("Regional")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


# A municipal association is run by its member municipalities, so its operations count as
# municipal for the lifecycle's rule "at least one municipal and one regional operation area".
OPERATION_AREA_KIND_BY_ORGANISATION_KIND = {
    OrganisationKind.REGION: OperationAreaKind.REGIONAL,
    OrganisationKind.MUNICIPALITY: OperationAreaKind.MUNICIPAL,
    OrganisationKind.ASSOCIATION: OperationAreaKind.MUNICIPAL,
    OrganisationKind.CIVIL_SOCIETY: OperationAreaKind.CIVIL_SOCIETY,
}
