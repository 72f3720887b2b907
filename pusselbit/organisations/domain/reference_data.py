"""The country's regions, municipalities, populations and Västra Götaland's municipal
associations, from the CSV files shipped in organisations/data/ (see its README for sources)."""

import csv
import datetime
from importlib import resources

from django.db import transaction

from pusselbit.core import audit

from ..enums import OrganisationKind
from ..models import AssociationMembership, Organisation, Region
from .population import PopulationRow, load_population

SCB_YEAR_END_SOURCE = "SCB, folkmängd 31 december"
YEAR_END_COLUMNS = {
    "pop_2017_12_31": datetime.date(2017, 12, 31),
    "pop_2018_12_31": datetime.date(2018, 12, 31),
    "pop_2019_12_31": datetime.date(2019, 12, 31),
}


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("pusselbit.organisations").joinpath("data", filename).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _upsert(model, lookup: dict, values: dict) -> tuple[object, bool]:
    """Create, or update only what differs; report whether anything was written."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
    return obj, bool(changed)


@transaction.atomic
def load_reference_data(*, actor=None) -> int:
    """Load or refresh all reference data. Idempotent: a second run writes nothing.
    Returns the number of rows written."""
    written = 0
    counties = {row["lanskod"]: row["lan"] for row in _rows("lan.csv")}
    regions = {}
    for row in _rows("regioner.csv"):
        code = row["lanskod"]
        region, changed = _upsert(
            Region,
            {"code": code},
            {"name": row["region"], "county_name": counties[code], "slug": row["slug"]},
        )
        regions[code] = region
        written += changed
        _, changed = _upsert(
            Organisation,
            {"kind": OrganisationKind.REGION, "code": code},
            {"region": region, "name": row["region"]},
        )
        written += changed

    for row in _rows("kommuner.csv"):
        _, changed = _upsert(
            Organisation,
            {"kind": OrganisationKind.MUNICIPALITY, "code": row["kommunkod"]},
            {"region": regions[row["lanskod"]], "name": row["kommun"]},
        )
        written += changed

    population_rows = _rows("kommuner_population_2017_2019.csv")
    for column, reference_date in YEAR_END_COLUMNS.items():
        rows = [
            PopulationRow(line=i, code=row["kommunkod"], population=int(row[column]))
            for i, row in enumerate(population_rows, start=2)
        ]
        written += load_population(rows, reference_date, actor=actor, source=SCB_YEAR_END_SOURCE)

    municipalities = {o.code: o for o in Organisation.objects.municipalities()}
    associations = {}
    for row in _rows("vgr_kommunalforbund.csv"):
        key = row["kommunalforbund_key"]
        if key not in associations:
            associations[key], changed = _upsert(
                Organisation,
                {"kind": OrganisationKind.ASSOCIATION, "code": key},
                {"region": regions["14"], "name": row["kommunalforbund"]},
            )
            written += changed
        _, changed = _upsert(
            AssociationMembership,
            {"association": associations[key], "member": municipalities[row["kommunkod"]]},
            {
                "counts_in_per_capita_split": row["counts_in_vgr_per_capita_split"] == "true",
                "source": row["source"].split(" ")[0],
            },
        )
        written += changed

    if written:
        audit.record("reference_data.loaded", actor=actor, rows_written=written)
    return written
