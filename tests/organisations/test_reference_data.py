import datetime

import pytest
from django.db.models import Sum

from pusselbit.core.models import AuditEntry
from pusselbit.organisations.domain import load_reference_data
from pusselbit.organisations.models import (
    AssociationMembership,
    Organisation,
    PopulationFigure,
    Region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_reference_data(actor=None)


def test_reference_data_has_every_region_and_municipality(loaded):
    assert Region.objects.count() == 21
    assert Organisation.objects.filter(kind="region").count() == 21
    assert Organisation.objects.municipalities().count() == 290
    dalarna = Region.objects.get(code="20")
    assert dalarna.name == "Region Dalarna"
    assert dalarna.organisations.municipalities().count() == 15
    assert Organisation.objects.get(kind="municipality", code="1480").name == "Göteborg"


def test_reference_data_population_matches_scb_national_total(loaded):
    total = PopulationFigure.objects.filter(reference_date=datetime.date(2019, 12, 31)).aggregate(
        total=Sum("population")
    )["total"]
    assert total == 10_327_589
    dates = set(PopulationFigure.objects.values_list("reference_date", flat=True))
    assert dates == {
        datetime.date(2017, 12, 31),
        datetime.date(2018, 12, 31),
        datetime.date(2019, 12, 31),
    }
    falun = PopulationFigure.objects.get(organisation__code="2080", reference_date="2019-12-31")
    assert falun.source.startswith("SCB")


def test_reference_data_loads_vastra_gotaland_associations(loaded):
    associations = Organisation.objects.filter(kind="association")
    assert {a.code: a.members.count() for a in associations} == {
        "GR": 13,
        "FYRBODAL": 14,
        "SKARABORG": 15,
        "SJUHARAD": 8,
    }
    assert {a.region.code for a in associations} == {"14"}
    kungsbacka = AssociationMembership.objects.get(member__name="Kungsbacka")
    assert kungsbacka.association.code == "GR"
    assert kungsbacka.member.region.code == "13"
    assert kungsbacka.counts_in_per_capita_split is False
    assert AssociationMembership.objects.filter(counts_in_per_capita_split=True).count() == 49


def test_reference_data_second_load_changes_nothing(loaded):
    audit_count = AuditEntry.objects.count()
    assert load_reference_data(actor=None) == 0
    assert AuditEntry.objects.count() == audit_count
    assert Organisation.objects.count() == 21 + 290 + 4
