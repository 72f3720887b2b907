"""The Swedish organisation number (organisationsnummer), read with the `organisationsnummer`
library (checksum and the number's form, kept by the same people as `personnummer`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from organisationsnummer import organisationsnummer

INVALID = _("Not a valid organisation number: ten digits as NNNNNN-NNNN, e.g. 212000-2270.")
PERSONAL = _(
    "This is a personal identity number (a sole trader's): it is not published, so it is not "
    "kept here."
)


def organisation_number(value: str) -> str:
    """`value` as NNNNNN-NNNN, or a ValidationError. A sole trader's number is their personal
    identity number, which the open data must never carry, so it is refused."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = organisationsnummer.parse(value)
    except organisationsnummer.OrganisationsnummerException as error:
        raise ValidationError(INVALID, code="invalid") from error
    if number.is_personnummer():
        raise ValidationError(PERSONAL, code="personal")
    return number.format(True)


def validate_organisation_number(value: str) -> None:
    organisation_number(value)
