"""The agreement's tables as downloads: the .xlsx has real numbers with a number format, the .csv
plain decimals; both equal the Dalarna seed to the öre, and Västra Götaland's split adds up to
exactly 1 000 000 kr."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Organisation
from tests.funds.test_allocation_pages import (
    SEED_COUNTY_JOINT,
    SEED_COUNTY_JOINT_ROUNDED,
    SEED_ROUNDED_SUM,
    seed_decimal,
    seed_municipal,
    sv,
    url,
    user,
)
from tests.funds.test_allocation_pages import demo as demo  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db

ORE = '#,##0.00 "kr"'
KRONOR = '#,##0 "kr"'
COUNTY_JOINT_DIRECTIONS = [
    "Stärka samverkan kring personer med samsjuklighet",
    "Stärka brukarmedverkan",
    "Stärka det suicidpreventiva arbetet",
    "Ungdomsmottagningarnas arbete med psykisk hälsa",
]
MUNICIPAL_DIRECTIONS = [
    "Utvecklingsinsatser utifrån handlingsplaner",
    "Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
]


def money(cell) -> Decimal:
    """A cell's number as kronor and öre; a string would fail here, as it should."""
    assert isinstance(cell.value, int | float), (cell.coordinate, cell.value)
    return Decimal(str(cell.value)).quantize(Decimal("0.01"))


def download(client, name, region_slug, agreement_name, **query):
    agreement = Agreement.objects.get(name=agreement_name)
    return client.get(url(name, region_slug, agreement.pk), query)


def workbook(response):
    return load_workbook(io.BytesIO(response.content))


def csv_rows(response) -> list[list[str]]:
    """The plain CSV (`?format=plain`): commas, decimal points, no byte-order mark."""
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text)))


# .xlsx


def test_xlsx_has_the_dalarna_seed_as_numbers_with_number_formats(client, demo):
    client.force_login(user("dalarna-ekonom"))
    response = download(client, "agreement_xlsx", "dalarna", "ÖK 2020")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="medel-ok-2020-dalarna.xlsx"'
    book = workbook(response)
    assert book.sheetnames == [sv("County-joint funds"), sv("Municipal funds")]
    assert book.properties.title == sv(
        "%(agreement)s: funds for %(region)s", agreement="ÖK 2020", region="Region Dalarna"
    )

    county = book[sv("County-joint funds")]
    assert [c.value for c in county[1]] == [
        sv("Region"),
        *COUNTY_JOINT_DIRECTIONS,
        sv("Rounded amount"),
    ]
    assert all(c.font.bold for c in county[1])
    row = county[2]
    assert row[0].value == "Region Dalarna"
    assert [money(c) for c in row[1:5]] == [seed_decimal(a) for a in SEED_COUNTY_JOINT]
    assert money(row[5]) == seed_decimal(SEED_COUNTY_JOINT_ROUNDED)
    assert [c.number_format for c in row[1:]] == [ORE] * 4 + [KRONOR]
    assert all(county.column_dimensions[letter].width >= 10 for letter in "ABCDEF")

    municipal = book[sv("Municipal funds")]
    header, *rows, total = municipal.iter_rows()
    assert [c.value for c in header] == [
        sv("Recipient"),
        *MUNICIPAL_DIRECTIONS,
        sv("Rounded amount"),
    ]
    seed = seed_municipal()
    assert {r[0].value: tuple(money(c) for c in r[1:]) for r in rows} == seed
    for r in rows:
        assert [c.number_format for c in r[1:]] == [ORE, ORE, KRONOR]
    assert total[0].value == sv("Total") and total[0].font.bold
    assert [money(c) for c in total[1:]] == [
        sum(plans for plans, _care, _r in seed.values()),
        sum(care for _plans, care, _r in seed.values()),
        SEED_ROUNDED_SUM,
    ]
    assert municipal.column_dimensions["A"].width > 10


def test_xlsx_split_for_vastra_gotaland_is_the_seeds(client, demo):
    """The seed's table "(0,580 kr/inv. per 1/11–19)", shipped as a manual table."""
    client.force_login(user("vastra-gotaland-ekonom"))
    book = workbook(download(client, "agreement_xlsx", "vastra-gotaland", "ÖK 2019"))
    assert len(book.sheetnames) == 2
    split = book[book.sheetnames[1]]
    header, pooled, *associations, total = split.iter_rows()
    assert header[1].value == sv("Population %(date)s", date="2019-11-01")
    assert pooled[0].value.startswith("Västra Götalandsregionen")
    assert money(pooled[2]) == Decimal("1000000")
    assert sorted(money(r[2]) for r in associations) == sorted(
        Decimal(a) for a in ("554579", "158831", "155594", "130996")
    )
    assert money(total[2]) == Decimal("1000000")
    assert [c.number_format for c in total[1:]] == ["#,##0", KRONOR, "0.000"]
    assert round(total[3].value, 3) == 0.58


# .csv


def test_csv_equals_the_dalarna_seed(client, demo):
    client.force_login(user("dalarna-lanssamordnare"))
    response = download(client, "agreement_csv", "dalarna", "ÖK 2020", format="plain")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="medel-ok-2020-dalarna.csv"'
    header, *rows = csv_rows(response)
    directions = COUNTY_JOINT_DIRECTIONS + MUNICIPAL_DIRECTIONS
    assert header == [
        sv("Table"),
        sv("Recipient"),
        sv("Code"),
        *directions,
        sv("Rounded amount"),
        sv("Population"),
        sv("Kronor per inhabitant"),
    ]
    county, *municipal, total = rows
    assert county[:3] == [sv("County-joint funds"), "Region Dalarna", "20"]
    assert [Decimal(v) for v in county[3:7]] == [seed_decimal(a) for a in SEED_COUNTY_JOINT]
    assert county[3] == "7649410.97"  # plain decimals with a point
    assert county[7:9] == ["", ""]
    assert Decimal(county[9]) == seed_decimal(SEED_COUNTY_JOINT_ROUNDED)

    assert {r[0] for r in municipal + [total]} == {sv("Municipal funds")}
    assert {r[1]: tuple(Decimal(v) for v in r[7:10]) for r in municipal} == seed_municipal()
    vansbro = next(r for r in municipal if r[1] == "Vansbro")
    assert vansbro[2:] == ["2021", "", "", "", "", "131634.63", "65817.31", "197452", "", ""]
    assert total[1] == sv("Total")
    assert total[7:10] == ["5577707.31", "2788853.65", str(SEED_ROUNDED_SUM)]


def test_csv_split_for_vastra_gotaland_sums_to_one_million(client, demo):
    client.force_login(user("vastra-gotaland-ekonom"))
    header, county, pooled, *associations, total = csv_rows(
        download(client, "agreement_csv", "vastra-gotaland", "ÖK 2019", format="plain")
    )
    amount = header.index("Stärka samverkan kring personer med samsjuklighet")
    assert Decimal(county[amount]) == Decimal("2000000")
    assert Decimal(pooled[amount]) == Decimal("1000000")
    assert sum(Decimal(r[amount]) for r in associations) == Decimal("1000000")
    assert Decimal(total[amount]) == Decimal("1000000")
    assert sorted(Decimal(r[amount]) for r in associations) == sorted(
        Decimal(a) for a in ("554579", "158831", "155594", "130996")
    )
    assert total[-1] == "0.580"  # the seed's rate, as its table states it


def test_default_csv_is_swedish_excel_semicolons_decimal_commas_and_a_bom(client, demo):
    """Excel set to Swedish splits cells at `;` and reads `,` as the decimal sign: the plain CSV
    opened there ran every row into one cell and took 131634.63 for text."""
    client.force_login(user("dalarna-lanssamordnare"))
    response = download(client, "agreement_csv", "dalarna", "ÖK 2020")
    assert response["Content-Disposition"] == 'attachment; filename="medel-ok-2020-dalarna.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    assert header[:3] == [sv("Table"), sv("Recipient"), sv("Code")]
    county = rows[0]
    assert county[3] == "7649410,97"
    vansbro = next(r for r in rows if r[1] == "Vansbro")
    assert vansbro[2:] == ["2021", "", "", "", "", "131634,63", "65817,31", "197452", "", ""]


# Names typed by people are never formulas


HYPERLINK = '=HYPERLINK("http://evil.example/";"Vansbro")'


def test_a_name_like_a_formula_is_text_in_both_downloads(client, demo):
    Organisation.objects.filter(name="Vansbro").update(name=HYPERLINK)
    client.force_login(user("dalarna-ekonom"))

    response = download(client, "agreement_xlsx", "dalarna", "ÖK 2020")
    sheet = workbook(response)[sv("Municipal funds")]
    vansbro = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == HYPERLINK)
    assert vansbro[0].data_type == "s" and vansbro[0].quotePrefix
    assert money(vansbro[1]) == Decimal("131634.63")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any("<f>" in archive.read(name).decode() for name in sheets)

    rows = csv_rows(download(client, "agreement_csv", "dalarna", "ÖK 2020", format="plain"))
    vansbro = next(row for row in rows if row[1] == f"'{HYPERLINK}")
    assert vansbro[7] == "131634.63"


# Who may download


def test_another_regions_user_gets_404_for_both_downloads(client, demo):
    client.force_login(user("vastra-gotaland-ekonom"))
    for name in ["agreement_xlsx", "agreement_csv"]:
        response = download(client, name, "dalarna", "ÖK 2020")
        assert response.status_code == 404
        assert "Content-Disposition" not in response


def test_anonymous_is_sent_to_sign_in_for_downloads(client, demo):
    for name in ["agreement_xlsx", "agreement_csv"]:
        response = download(client, name, "dalarna", "ÖK 2020")
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]
