import pytest

from tests.factories import InitiativeFactory, MembershipFactory, OrganisationFactory


@pytest.fixture
def karlskrona(blekinge):
    return OrganisationFactory(region=blekinge, code="1080", name="Karlskrona")


@pytest.fixture
def owner(blekinge, karlskrona):
    """The initiator who owns the initiative, for Karlskrona."""
    return MembershipFactory(
        region=blekinge,
        organisation=karlskrona,
        role="initiator",
        user__username="olle",
        user__first_name="Olle",
        user__last_name="Ägare",
    ).user


@pytest.fixture
def initiative(blekinge, karlskrona, owner):
    return InitiativeFactory(
        region=blekinge, organisation=karlskrona, owner=owner, title="Samtalsstöd för unga"
    )
