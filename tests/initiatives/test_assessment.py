"""Assessing the criteria on one page: one domain call, all or none, and an unchanged criterion
leaves no history entry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives import domain
from pusselbit.initiatives.enums import Criterion

pytestmark = pytest.mark.django_db


def assessed_entries():
    return AuditEntry.objects.filter(action="initiative.criterion_assessed")


def test_assess_criteria_saves_each_and_audits_each(people, make_initiative):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]

    saved = domain.assess_criteria(
        initiative,
        [
            (Criterion.NEW_WAYS, "met", " Nytt arbetssätt. "),
            (Criterion.DAMPEN_COSTS, "partly_met", "Delvis."),
        ],
        actor=coordinator,
    )

    assert len(saved) == 2
    rows = dict(initiative.criterion_assessments.values_list("criterion", "motivation"))
    assert rows == {"new_ways": "Nytt arbetssätt.", "dampen_costs": "Delvis."}
    assert assessed_entries().count() == 2
    assert {e.actor for e in assessed_entries()} == {coordinator}


def test_assess_criteria_skips_what_is_unchanged(people, make_initiative):
    initiative = make_initiative()
    coordinator = people["county_coordinator"]
    domain.assess_criteria(initiative, [(Criterion.NEW_WAYS, "met", "Ja.")], actor=coordinator)

    saved = domain.assess_criteria(
        initiative,
        [(Criterion.NEW_WAYS, "met", "Ja. "), (Criterion.DAMPEN_COSTS, "not_met", "Nej.")],
        actor=coordinator,
    )

    assert [row.criterion for row in saved] == ["dampen_costs"]
    assert assessed_entries().count() == 2


def test_assess_criteria_refused_midway_saves_none(people, make_initiative):
    initiative = make_initiative()

    with pytest.raises(ValidationError):
        domain.assess_criteria(
            initiative,
            [(Criterion.NEW_WAYS, "met", "Ja."), (Criterion.DAMPEN_COSTS, "met", "  ")],
            actor=people["county_coordinator"],
        )

    assert not initiative.criterion_assessments.exists()
    assert not assessed_entries().exists()


def test_assess_criteria_without_the_role_is_refused(people, make_initiative):
    initiative = make_initiative()

    with pytest.raises(PermissionDenied):
        domain.assess_criteria(
            initiative, [(Criterion.NEW_WAYS, "met", "Ja.")], actor=people["initiator"]
        )

    assert not initiative.criterion_assessments.exists()
