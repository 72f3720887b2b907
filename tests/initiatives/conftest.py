import pytest

from pusselbit.accounts.enums import Role
from pusselbit.initiatives import domain
from pusselbit.initiatives.models import Stage
from pusselbit.initiatives.workflows.engine import install_workflow
from pusselbit.organisations.models import OperationArea
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def workflow(blekinge):
    """Blekinge with the default workflow installed."""
    return install_workflow(blekinge)


@pytest.fixture
def karlskrona(blekinge):
    municipality = OrganisationFactory(region=blekinge, code="1080", name="Karlskrona")
    OperationArea.objects.create(organisation=municipality, name="Individ- och familjeomsorg")
    return municipality


@pytest.fixture
def regional_org(blekinge):
    organisation = blekinge.organisations.get(kind="region")
    OperationArea.objects.get_or_create(organisation=organisation, name="Vuxenpsykiatri")
    return organisation


@pytest.fixture
def people(blekinge, workflow, karlskrona, regional_org):
    """One user for each role in Blekinge, keyed by role value ("county_coordinator", …)."""
    municipal = {Role.INITIATOR, Role.LOCAL_COORDINATOR, Role.COORDINATION_GROUP_MEMBER}
    return {
        role.value: MembershipFactory(
            region=blekinge,
            role=role.value,
            user__username=f"ble-{role.value}",
            organisation=karlskrona if role in municipal else regional_org,
        ).user
        for role in Role
    }


@pytest.fixture
def make_initiative(blekinge, workflow, karlskrona, people):
    """Make an initiative owned by the initiator, placed directly in a stage (by key)."""

    def make(stage_key="ide", title="Samtalsstöd för unga vuxna", owner=None, **fields):
        initiative = domain.create_initiative(
            blekinge,
            actor=owner or people["initiator"],
            organisation=karlskrona,
            title=title,
            **fields,
        )
        if stage_key != "ide":
            initiative.stage = Stage.objects.get(workflow=workflow, key=stage_key)
            initiative.save(update_fields=["stage"])
        return initiative

    return make
