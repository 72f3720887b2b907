"""An assignment's page and its document show its funds split by the one builder
(funds.tables.allocation_split), so they list the recipients in the same order, also when the
recipients are of different kinds."""

import pytest

from pusselbit.assignments.document import assignment_document
from pusselbit.assignments.models import Assignment
from pusselbit.assignments.queries import funds_split
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation

from .test_documents import TITLE


@pytest.fixture
def samsjuklighet(demo_once, db):
    return Assignment.objects.select_related("allocation__funds", "region").get(
        region__slug="vastra-gotaland", title=TITLE
    )


def document_funds_rows(assignment) -> list[str]:
    document = assignment_document(Assignment.objects.get(pk=assignment.pk))
    tables = [
        block
        for section in document.sections
        for block in section.blocks
        if getattr(block, "caption", "") == "Fördelning av medlen"
    ]
    return [row[0] for row in tables[0].rows]


def test_split_of_mixed_kinds_is_listed_alike_on_the_page_and_in_the_document(samsjuklighet):
    # The smallest share goes to the region itself: largest first within each kind puts the
    # region before the associations, however small its share.
    smallest = min(
        samsjuklighet.allocation.shares.filter(pooled=False), key=lambda share: share.amount
    )
    region = Organisation.objects.filter(
        region=samsjuklighet.region, kind=OrganisationKind.REGION
    ).first() or Organisation.objects.create(
        region=samsjuklighet.region, kind=OrganisationKind.REGION, name="Västra Götalandsregionen"
    )
    smallest.recipient = region
    smallest.save(update_fields=["recipient"])

    split = funds_split(samsjuklighet.allocation)
    on_the_page = [row.recipient.name for row in split.rows]
    in_the_document = document_funds_rows(samsjuklighet)[len(split.pooled) :]

    assert on_the_page[0] == region.name
    assert in_the_document == on_the_page
