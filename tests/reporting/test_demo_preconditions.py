"""Issue 11, point 6, on the Dalarna demo: the seed's "delredovisningen inlämnas" is met by the
submitted reports themselves, not ticked by hand."""

import pytest

from pusselbit.reporting.models import Precondition, PreconditionCheck
from pusselbit.reporting.preconditions import precondition_table

pytestmark = pytest.mark.usefixtures("demo_once")


def test_the_dalarna_demo_precondition_is_met_by_the_submitted_report(demo_once, db):
    from pusselbit.organisations.models import Region

    dalarna = Region.objects.get(slug="dalarna")
    precondition = Precondition.objects.get(region=dalarna, text="Delredovisningen är inlämnad")
    assert precondition.requirement is not None
    table = precondition_table(dalarna, precondition.agreement)
    met = {row.recipient.name for row in table.rows if dict(row.cells)[precondition].met}
    assert met == {"Borlänge", "Mora", "Avesta"}
    assert not PreconditionCheck.objects.filter(precondition=precondition).exists()
