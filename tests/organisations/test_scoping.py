"""object_in_region, where every page with an object in its address starts: the object is
looked up within the region named in the address before the roles are asked, so another
region's object is a 404 whatever one's roles, and one's own region's a 403 without the role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from pusselbit.organisations.queries import object_in_region, organisation_in
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Only an administrator of the region holds it; alice, bob and charlie do not.
ADMINISTER = "accounts.administer_region"


@pytest.fixture
def falun(dalarna):
    return OrganisationFactory(region=dalarna, name="Falun")


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, name="Karlskrona")


def asked_by(rf, user):
    request = rf.get("/")
    request.user = user
    return request


def test_object_in_region_another_regions_object_without_the_role_is_404(rf, bob, falun):
    with pytest.raises(Http404):
        object_in_region(asked_by(rf, bob), "blekinge", organisation_in, falun.pk, perm=ADMINISTER)


def test_object_in_region_another_regions_address_is_404(rf, charlie, karlskrona):
    with pytest.raises(Http404):
        object_in_region(
            asked_by(rf, charlie), "blekinge", organisation_in, karlskrona.pk, perm=ADMINISTER
        )


def test_object_in_region_own_object_without_the_role_is_403(rf, bob, karlskrona):
    with pytest.raises(PermissionDenied):
        object_in_region(
            asked_by(rf, bob), "blekinge", organisation_in, karlskrona.pk, perm=ADMINISTER
        )


def test_object_in_region_own_object_with_the_role_is_found(rf, alice, karlskrona):
    region, found = object_in_region(
        asked_by(rf, alice),
        "blekinge",
        organisation_in,
        karlskrona.pk,
        perm="organisations.view_region",
    )
    assert (region.slug, found.name) == ("blekinge", "Karlskrona")
