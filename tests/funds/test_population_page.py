"""Issue 11, point 2: the Västra Götaland split through the pages. A finance officer loads the
1 November 2019 figures an agreement names on the region's population page (the same checks as
`load_population`: a bad file is refused whole, every bad line named), chooses that date in the
allocation, and the pages and the assignment document state the rate and date actually used
("0,580 kr/inv. per 1/11–19"). A rate per inhabitant never gives another total than the funds
without saying so.

The figures here are made up for the test (the product ships no 1 November 2019 figures): each
association's two members add up to what splits 1 000 000 kr into the seed's amounts."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.assignments.document import _allocation_blocks
from pusselbit.core.models import AuditEntry
from pusselbit.funds.domain import create_agreement, set_region_funds
from pusselbit.funds.models import Allocation
from pusselbit.organisations.models import AssociationMembership, PopulationFigure
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

NOV_1 = datetime.date(2019, 11, 1)
DEC_31 = datetime.date(2019, 12, 31)
# The seed's split of the municipal half, "(0,580 kr/inv. per 1/11–19)".
SEED = {"GR": 554579, "Fyrbodal": 158831, "Skaraborg": 155594, "Boråsregionen": 130996}
# Association → its two members (code, population on 1 November 2019, on 31 December 2019).
MEMBERS = {
    "GR": [("1480", 583_171, 584_000), ("1481", 373_000, 373_822)],
    "Fyrbodal": [("1485", 173_847, 174_000), ("1486", 100_000, 100_320)],
    "Skaraborg": [("1496", 168_266, 168_500), ("1497", 100_000, 100_229)],
    "Boråsregionen": [("1490", 125_855, 126_000), ("1491", 100_000, 100_245)],
}
SOURCE = "SCB, folkmängd 1 november 2019"


def sv(message: str, **values) -> str:
    with translation.override("sv"):
        text = str(translation.gettext(message))
    return text % values if values else text


def page_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\xa0", " ").split())


@pytest.fixture
def vg(db):
    agreement_reference.load(Direction, PriorityArea)
    region = RegionFactory(code="14", name="Västra Götalandsregionen", slug="vastra-gotaland")
    for name, members in MEMBERS.items():
        association = OrganisationFactory(region=region, kind="association", name=name, code="")
        for code, _nov, dec in members:
            municipality = OrganisationFactory(region=region, code=code, name=f"Kommun {code}")
            AssociationMembership.objects.create(association=association, member=municipality)
            # The year-end figures the product already holds: they give 0,579 kr.
            PopulationFigureFactory(
                organisation=municipality, reference_date=DEC_31, population=dec
            )
    return region


@pytest.fixture
def halland_municipality(db):
    return OrganisationFactory(region=RegionFactory(code="13"), code="1384", name="Kungsbacka")


@pytest.fixture
def finance(vg):
    return MembershipFactory(region=vg, role="finance_officer", user__username="ekonom").user


@pytest.fixture
def direction_funds(vg):
    agreement = create_agreement(
        "ÖK 2019", "Överenskommelse 2019", 2019, datetime.date(2020, 12, 31), actor=None
    )
    return set_region_funds(
        agreement, vg, Direction.objects.get(code="samsjuklighet"), Decimal(2_000_000), actor=None
    )


def nov_1_file(name="folkmangd.csv", extra="") -> SimpleUploadedFile:
    lines = ["kommunkod;kommun;population"]
    lines += [f"{code};Kommun {code};{nov}" for ms in MEMBERS.values() for code, nov, _ in ms]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n" + extra).encode())


def population_url(region) -> str:
    return reverse("funds:population", args=[region.slug])


def allocate_url(funds) -> str:
    return reverse("funds:allocate", args=[funds.region.slug, funds.pk])


def allocation_post(vg, **values) -> dict:
    data = {
        "key": "population",
        "unit": "krona",
        "municipalities": [],
        "associations": [o.pk for o in vg.organisations.filter(kind="association")],
        "reference_date": "2019-11-01",
        "top_slice": "1 000 000",
        "top_slice_to": vg.organisations.get(kind="region").pk,
        "top_slice_purpose": "Koordinator för Västra Götalandsregionen",
    }
    data.update(values)
    return data


def test_figures_for_1_november_2019_loaded_on_the_page_give_the_seeds_split(
    client, vg, finance, direction_funds
):
    client.force_login(finance)
    page = client.get(population_url(vg))
    assert page.status_code == 200
    assert "2019-12-31" in page_text(page)

    response = client.post(
        population_url(vg), {"file": nov_1_file(), "reference_date": "2019-11-01", "source": SOURCE}
    )
    assert response.status_code == 302
    loaded = PopulationFigure.objects.filter(reference_date=NOV_1)
    assert loaded.count() == 8 and {f.source for f in loaded} == {SOURCE}
    entry = AuditEntry.objects.get(action="population.loaded")
    assert entry.actor == finance and entry.data["created"] == 8
    listed = page_text(client.get(population_url(vg)))
    assert "2019-11-01" in listed and SOURCE in listed

    # The allocation form offers the new date, and the allocation uses it.
    form = client.get(allocate_url(direction_funds)).context["form"]
    assert ("2019-11-01", f"2019-11-01 ({SOURCE})") in form.fields["reference_date"].choices
    response = client.post(allocate_url(direction_funds), allocation_post(vg))
    assert response.status_code == 302
    allocation = Allocation.objects.get(funds=direction_funds)
    assert allocation.reference_date == NOV_1
    assert allocation.source == SOURCE
    split = {s.recipient.name: s.amount for s in allocation.shares.filter(pooled=False)}
    assert split == {name: Decimal(amount) for name, amount in SEED.items()}

    # The allocation page and the agreement page state the rate and date actually used.
    used = sv(
        "%(rate)s kr per inhabitant, population on %(date)s", rate="0,580", date="1 november 2019"
    )
    with translation.override("sv"):
        assert used in page_text(client.get(allocate_url(direction_funds)))
        agreement_page = page_text(
            client.get(reverse("funds:agreement", args=[vg.slug, direction_funds.agreement_id]))
        )
    assert sv("Source of the figures: %(source)s.", source=SOURCE) in agreement_page

    # The assignment document's funds section, in the seed's words.
    text = " ".join(
        block.text for block in _allocation_blocks(allocation) if hasattr(block, "text")
    )
    assert "Av medlen fördelas 1 000 000 kr enligt följande (0,580 kr/inv. per 1/11–19)." in (
        text.replace("\xa0", " ")
    )


def test_the_year_end_figures_give_another_rate_and_date(client, vg, finance, direction_funds):
    """The same allocation at 31 December 2019 (what the product used before): 0,579 kr."""
    client.force_login(finance)
    response = client.post(
        allocate_url(direction_funds), allocation_post(vg, reference_date="2019-12-31")
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(funds=direction_funds)
    text = " ".join(
        block.text for block in _allocation_blocks(allocation) if hasattr(block, "text")
    )
    assert "(0,579 kr/inv. per 31/12–19)" in text


def test_a_bad_file_is_refused_whole_with_every_line_and_reason(
    client, vg, finance, halland_municipality
):
    client.force_login(finance)
    extra = "9999;Okänd;100\n1480;Kommun 1480;5\n1384;Kungsbacka;84000\n1487;Kommun;många\n"
    response = client.post(
        population_url(vg),
        {"file": nov_1_file(extra=extra), "reference_date": "2019-11-01", "source": SOURCE},
    )
    assert response.status_code == 200
    errors = list(response.context["form"].errors["file"])
    assert errors[0] == sv("The file was refused and nothing was saved.")
    with translation.override("sv"):
        problems = " ".join(errors[1:])
    # Lines 10–13: an unknown code, a repeated code, another region's municipality and a
    # population that is no number, each named with its line and reason.
    for line in (10, 11, 12, 13):
        assert sv("Row %(row)d: %(reason)s", row=line, reason="") in problems
    assert "1480" in problems and "Kungsbacka" in problems
    assert "Region 13" in problems  # Kungsbacka's region, not this one
    # Nothing was written at the date, and the form keeps what was typed.
    assert not PopulationFigure.objects.filter(reference_date=NOV_1).exists()
    assert not AuditEntry.objects.filter(action="population.loaded").exists()
    assert 'value="SCB, folkmängd 1 november 2019"' in html.unescape(response.content.decode())


def test_only_a_finance_officer_of_the_region_loads_figures(client, vg):
    coordinator = MembershipFactory(region=vg, role="county_coordinator").user
    client.force_login(coordinator)
    assert client.get(population_url(vg)).status_code == 403
    other = MembershipFactory(region=RegionFactory(code="20"), role="finance_officer").user
    client.force_login(other)
    assert client.get(population_url(vg)).status_code == 404


def test_an_xlsx_file_is_read_like_a_csv(client, vg, finance):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kommunkod", "population"])
    for members in MEMBERS.values():
        for code, nov, _dec in members:
            sheet.append([code, nov])
    content = io.BytesIO()
    workbook.save(content)
    client.force_login(finance)
    response = client.post(
        population_url(vg),
        {
            "file": SimpleUploadedFile("folkmangd.xlsx", content.getvalue()),
            "reference_date": "2019-11-01",
            "source": SOURCE,
        },
    )
    assert response.status_code == 302
    assert PopulationFigure.objects.filter(reference_date=NOV_1).count() == 8


def test_a_rate_per_inhabitant_never_gives_another_total_unsaid(
    client, vg, finance, direction_funds
):
    """0,580 kr over the year-end figures (1 727 116 inhabitants) gives more than the
    1 000 000 kr to split: refused, saying so. 0,579 gives less: the form shows the total and
    what is left, and allocates it only when that total is confirmed."""
    client.force_login(finance)
    over = client.post(
        allocate_url(direction_funds),
        allocation_post(vg, key="rate", rate="0,580", reference_date="2019-12-31"),
    )
    assert over.status_code == 200
    assert "1 001 727 kr" in " ".join(over.context["form"].errors["rate"]).replace("\xa0", " ")
    assert not Allocation.objects.filter(funds=direction_funds).exists()

    data = allocation_post(vg, key="rate", rate="0,575", reference_date="2019-12-31")
    asked = client.post(allocate_url(direction_funds), data)
    assert asked.status_code == 200
    form = asked.context["form"]
    notice = " ".join(form.errors["confirm_total"]).replace("\xa0", " ")
    assert "993 092 kr" in notice and "1 000 000 kr" in notice and "6 908 kr" in notice
    assert not Allocation.objects.filter(funds=direction_funds).exists()
    page = asked.content.decode()
    assert 'name="rate_total" value="1993092' in page and 'name="confirm_total"' in page

    # Confirmed, that very total is allocated; a changed rate would ask again.
    data.update(rate_total=form.data["rate_total"], confirm_total="on")
    assert client.post(allocate_url(direction_funds), data).status_code == 302
    allocation = Allocation.objects.get(funds=direction_funds)
    split = sum(s.amount for s in allocation.shares.filter(pooled=False))
    assert split == Decimal("993092")
