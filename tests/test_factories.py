"""The factories make rows that hang together: a test that asks for an initiative, an
allocation, an assignment or a report gets one its region's pages show."""

from decimal import Decimal

import pytest

from tests.factories import (
    AllocationFactory,
    AssignmentFactory,
    InitiativeFactory,
    OrganisationFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def test_an_initiative_is_in_the_asked_stage_of_its_regions_workflow(blekinge):
    idea = InitiativeFactory(region=blekinge)
    running = InitiativeFactory(region=blekinge, stage_key="genomforande")
    assert idea.stage.key == "ide" and running.stage.key == "genomforande"
    assert idea.workflow == running.workflow and idea.workflow.region == blekinge
    assert idea.organisation.region == blekinge


def test_an_allocation_gives_its_shares(blekinge):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    allocation = AllocationFactory(funds__region=blekinge, shares=[(karlskrona, "1500.50")])
    (share,) = allocation.shares.all()
    assert share.recipient == karlskrona and share.amount == Decimal("1500.50")
    assert allocation.funds.direction.code == "suicidprevention"


def test_an_assignment_is_a_draft_of_its_region(blekinge):
    assignment = AssignmentFactory(region=blekinge)
    assert assignment.status == "draft" and blekinge.assignments.get() == assignment


def test_a_report_is_due_from_its_recipient(blekinge):
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    report = ReportFactory(recipient=karlskrona)
    assert report.status == "draft" and report.requirement.region == blekinge
    assert list(report.requirement.recipients.all()) == [karlskrona]
