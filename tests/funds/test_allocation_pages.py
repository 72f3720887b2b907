"""The allocation pages: Dalarna's ÖK 2020 laid out like the seed, to the öre; Västra
Götaland's per-capita split of the co-morbidity funds; the allocation form for finance officers;
and who may see and do what."""

import datetime
import html
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pusselbit.accounts.models import User
from pusselbit.core.formatting import format_money, format_whole_kronor
from pusselbit.funds.domain import allocate_funds
from pusselbit.funds.models import Agreement, Allocation, RegionFunds, Share
from pusselbit.organisations.models import PopulationFigure, Region
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# The Dalarna seed (dalarna-fordelning-ok-2020.txt), as written there.
SEED_COUNTY_JOINT = ("7 649 410,97", "1 000 000,00", "5 577 707,31", "3 945 120,95")
SEED_COUNTY_JOINT_ROUNDED = "18 172 239"
SEED_MUNICIPAL = """\
Vansbro	131 634,63 kr	65 817,31 kr	197 452 kr
Malung-Sälen	195 494,48 kr	97 747,24 kr	293 242 kr
Gagnef	199 835,79 kr	99 917,89 kr	299 754 kr
Leksand	306 566,04 kr	153 283,02 kr	459 849 kr
Rättvik	212 491,47 kr	106 245,74 kr	318 737 kr
Orsa	134 115,38 kr	67 057,69 kr	201 173 kr
Älvdalen	136 227,89 kr	68 113,94 kr	204 342 kr
Smedjebacken	210 979,77 kr	105 489,88 kr	316 470 kr
Mora	395 640,36 kr	197 820,18 kr	593 461 kr
Falun	1 150 872,72 kr	575 436,36 kr	1 726 309 kr
Borlänge	1 017 590,72 kr	508 795,36 kr	1 526 386 kr
Säter	215 359,83 kr	107 679,92 kr	323 040 kr
Hedemora	299 802,13 kr	149 901,07 kr	449 703 kr
Avesta	449 344,65 kr	224 672,33 kr	674 017 kr
Ludvika	521 751,45 kr	260 875,72 kr	782 627 kr"""
SEED_ROUNDED_SUM = Decimal("8366562")


# The tables' captions, as the templates write them (msgids of the catalogue).
COUNTY_JOINT = "County-joint funds, %(agreement)s, in kronor and öre, and the rounded amount"
MUNICIPAL = (
    "Municipal funds, %(agreement)s, per recipient in kronor and öre, and each recipient's "
    "rounded amount"
)
SPLIT = "%(direction)s, %(agreement)s: top slice and split per recipient"


def seed_decimal(text: str) -> Decimal:
    """`131 634,63 kr` (as the seed or the page writes it) → Decimal("131634.63")."""
    text = text.replace("\xa0", " ").removesuffix(" kr")
    return Decimal(text.replace(" ", "").replace(",", "."))


def seed_municipal() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Municipality → (action plans, knowledge-based care, rounded amount)."""
    rows = {}
    for line in SEED_MUNICIPAL.splitlines():
        name, *amounts = line.split("\t")
        rows[name] = tuple(seed_decimal(amount) for amount in amounts)
    return rows


def sv(message: str, **values) -> str:
    """`message` as the Swedish page shows it, from the catalogue the server uses."""
    with translation.override("sv"):
        text = str(translation.gettext(message))
    return text % values if values else text


def kr(amount) -> str:
    return format_money(Decimal(amount), language="sv")


def whole(amount) -> str:
    return format_whole_kronor(Decimal(amount), language="sv")


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The rows of the table whose caption contains `caption`, as the cells' visible text
    (a "–" without the words that only screen readers get)."""
    for table in re.findall(r"<table.*?</table>", page, re.S):
        found = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        if found and caption in html.unescape(found.group(1)):
            break
    else:
        raise AssertionError(f"no table with the caption {caption!r}")
    table = re.sub(r'<span class="visually-hidden">.*?</span>', "", table, flags=re.S)
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


@pytest.fixture
def demo(demo_once, db):
    """The demo, built once for the module; each test's changes are rolled back after it."""


@pytest.fixture
def ok_2020():
    return Agreement.objects.get(name="ÖK 2020")


def user(username: str) -> User:
    return User.objects.get(username=username)


def url(name: str, region_slug: str, *args) -> str:
    return reverse(f"funds:{name}", args=[region_slug, *args])


def funds(code: str, region_slug: str = "dalarna") -> RegionFunds:
    return RegionFunds.objects.get(region__slug=region_slug, direction__code=code)


def shares_of(region_funds: RegionFunds) -> dict[str, Decimal]:
    return dict(
        Share.objects.filter(allocation__funds=region_funds).values_list(
            "recipient__name", "amount"
        )
    )


# The agreement page: Dalarna to the öre, Västra Götaland's split


def test_agreement_page_shows_every_dalarna_seed_amount_to_the_ore(client, demo, ok_2020):
    client.force_login(user("dalarna-lanssamordnare"))
    page = client.get(url("agreement", "dalarna", ok_2020.pk)).content.decode()

    assert "7\xa0649\xa0410,97\xa0kr" in page
    assert "18\xa0172\xa0239\xa0kr" in page
    assert "197\xa0452\xa0kr" in page
    assert "1\xa0726\xa0309\xa0kr" in page
    header, county_joint = table_rows(page, sv(COUNTY_JOINT, agreement="ÖK 2020"))
    assert county_joint == [
        "Region Dalarna",
        *(kr(seed_decimal(amount)) for amount in SEED_COUNTY_JOINT),
        whole(seed_decimal(SEED_COUNTY_JOINT_ROUNDED)),
    ]

    header, *rows, total = table_rows(page, sv(MUNICIPAL, agreement="ÖK 2020"))
    assert header[1:3] == [
        "Utvecklingsinsatser utifrån handlingsplaner",
        "Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
    ]
    seed = seed_municipal()
    assert {row[0]: row[1:] for row in rows} == {
        name: [kr(plans), kr(care), whole(rounded)] for name, (plans, care, rounded) in seed.items()
    }
    assert len(rows) == 15
    assert total == [
        sv("Total"),
        kr(sum(plans for plans, _care, _r in seed.values())),  # 5 577 707,31 kr
        kr(sum(care for _plans, care, _r in seed.values())),  # 2 788 853,65 kr
        whole(SEED_ROUNDED_SUM),
    ]
    assert total[-1] == "8\xa0366\xa0562\xa0kr"


def test_each_rounded_amount_is_the_sum_rounded_half_up(client, demo, ok_2020):
    client.force_login(user("dalarna-ekonom"))
    page = client.get(url("agreement", "dalarna", ok_2020.pk)).content.decode()
    _header, *rows, _total = table_rows(page, sv(MUNICIPAL, agreement="ÖK 2020"))
    for name, (plans, care, rounded) in seed_municipal().items():
        assert (plans + care).quantize(Decimal("1"), rounding=ROUND_HALF_UP) == rounded, name
    # Vansbro: 131 634,63 + 65 817,31 = 197 451,94 → 197 452 kr
    assert next(row for row in rows if row[0] == "Vansbro")[-1] == "197\xa0452\xa0kr"


# The samsjuklighet seed's split "(0,580 kr/inv. per 1/11–19)", by name in Swedish order.
SEED_VG_SPLIT = [
    ("Boråsregionen Sjuhärads kommunalförbund", "130996"),
    ("Fyrbodals kommunalförbund", "158831"),
    ("Göteborgsregionens kommunalförbund (GR)", "554579"),
    ("Skaraborgs kommunalförbund", "155594"),
]


def test_vastra_gotaland_split_is_the_seeds_with_its_rate_date_and_source(client, demo):
    """The demo ships the seed's amounts as a manual table (the product holds no 1 November
    2019 figures): the page shows them, the rate and date the seed states, and the source."""
    agreement = Agreement.objects.get(name="ÖK 2019")
    client.force_login(user("vastra-gotaland-ekonom"))
    with translation.override("sv"):
        page = client.get(url("agreement", "vastra-gotaland", agreement.pk)).content.decode()

    caption = sv(
        SPLIT,
        direction="Stärka samverkan kring personer med samsjuklighet",
        agreement="ÖK 2019",
    )
    header, pooled, *associations, split_total, grand_total = table_rows(page, caption)
    assert header[1:] == [sv("Amount")]
    assert pooled[0].startswith("Västra Götalandsregionen")
    assert pooled[1] == "1\xa0000\xa0000\xa0kr"
    assert [(row[0], row[1]) for row in associations] == [
        (name, whole(amount)) for name, amount in SEED_VG_SPLIT
    ]
    assert split_total[1] == "1\xa0000\xa0000\xa0kr"
    assert grand_total[1] == "2\xa0000\xa0000\xa0kr"
    text = " ".join(html.unescape(page).replace("\xa0", " ").split())
    assert (
        sv(
            "Rate and date used: %(rate)s kr per inhabitant, population on %(date)s.",
            rate="0,580",
            date="1 november 2019",
        )
        in text
    )
    direction = funds("samsjuklighet", "vastra-gotaland")
    source = direction.allocation.source
    assert "1 november 2019" in source
    assert sv("Source of the figures: %(source)s.", source=source) in text


def test_agreement_page_has_a_chart_with_its_figures_beside_it(client, demo, ok_2020):
    client.force_login(user("dalarna-ekonom"))
    page = client.get(url("agreement", "dalarna", ok_2020.pk)).content.decode()
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    title = re.search(r'<title id="([^"]+)">(.+?)</title>', svg)
    assert f'aria-labelledby="{title.group(1)}"' in svg
    assert svg.count("<rect") == 15
    assert "style=" not in svg  # the strict Content Security Policy blocks inline styles
    chart_title = sv("Municipal funds per recipient, rounded total")
    _header, *rows = table_rows(page, sv("The figures of the chart: %(title)s", title=chart_title))
    assert rows[[r[0] for r in rows].index("Falun")][:2] == ["Falun", "1\xa0726\xa0309\xa0kr"]
    assert len(rows) == 15


def test_overview_links_to_the_agreement_and_to_allocation_for_finance_officers(
    client, demo, ok_2020
):
    client.force_login(user("dalarna-ekonom"))
    page = client.get(url("overview", "dalarna")).content.decode()
    assert f'href="{url("agreement", "dalarna", ok_2020.pk)}"' in page
    assert "ÖK 2019" not in page  # Västra Götaland's agreement brings Dalarna nothing
    header, *rows = table_rows(page, sv("%(agreement)s: funds per direction", agreement="ÖK 2020"))
    assert [row[0] for row in rows][:2] == [
        "Stärka samverkan kring personer med samsjuklighet",
        "Stärka brukarmedverkan",
    ]
    assert rows[0][2] == "7\xa0649\xa0410,97\xa0kr"
    care = funds("kunskapsbaserad-vard")
    assert f'href="{url("allocate", "dalarna", care.pk)}"' in page

    client.force_login(user("dalarna-lanssamordnare"))
    page = client.get(url("overview", "dalarna")).content.decode()
    assert "7\xa0649\xa0410,97\xa0kr" in page
    assert url("allocate", "dalarna", care.pk) not in page


# Who may see and do what


def test_another_regions_user_gets_404(client, demo, ok_2020):
    client.force_login(user("blekinge-ekonom"))
    care = funds("kunskapsbaserad-vard")
    for address in [
        url("overview", "dalarna"),
        url("agreement", "dalarna", ok_2020.pk),
        url("agreement_xlsx", "dalarna", ok_2020.pk),
        url("agreement_csv", "dalarna", ok_2020.pk),
        url("allocate", "dalarna", care.pk),
    ]:
        response = client.get(address)
        assert response.status_code == 404, address
        assert "Vansbro" not in response.content.decode(errors="replace")


def test_agreement_without_funds_in_the_region_is_not_found(client, demo):
    ok_2019 = Agreement.objects.get(name="ÖK 2019")
    client.force_login(user("dalarna-ekonom"))
    assert client.get(url("agreement", "dalarna", ok_2019.pk)).status_code == 404
    # Nor is another region's funds reachable through one's own region's address.
    vg_funds = funds("samsjuklighet", "vastra-gotaland")
    assert client.get(url("allocate", "dalarna", vg_funds.pk)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, demo, ok_2020):
    address = url("agreement", "dalarna", ok_2020.pk)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_initiator_gets_403_on_the_allocate_page(client, demo):
    care = funds("kunskapsbaserad-vard")
    before = shares_of(care)
    client.force_login(user("dalarna-initiativtagare"))
    assert client.get(url("allocate", "dalarna", care.pk)).status_code == 403
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "flat", "unit": "ore", "flat_amount": "1", "municipalities": []},
    )
    assert response.status_code == 403
    assert shares_of(care) == before
    # The colleague may read the tables all the same.
    agreement = care.agreement
    page = client.get(url("agreement", "dalarna", agreement.pk)).content.decode()
    assert "197\xa0452\xa0kr" in page
    assert url("allocate", "dalarna", care.pk) not in page


# The allocation form


def test_allocate_page_shows_the_current_shares(client, demo):
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    page = client.get(url("allocate", "dalarna", care.pk)).content.decode()
    header, *rows, total = table_rows(
        page, sv("%(direction)s: the current amount per recipient", direction=care.direction.name)
    )
    assert ["Vansbro", "65\xa0817,31", "65\xa0817,31\xa0kr"] in rows
    assert len(rows) == 15
    assert total[-1] == "2\xa0788\xa0853,65\xa0kr"
    # The manual table starts from the current amounts.
    assert "Vansbro;65817,31" in page
    # The recipients a manual allocation does not choose default to every municipality.
    assert len(re.findall(r'name="municipalities"[^>]*checked', page)) == 15


def test_finance_officer_reallocates_a_direction_by_population(client, demo, ok_2020):
    care = funds("kunskapsbaserad-vard")
    region = care.region
    municipalities = list(region.organisations.municipalities())
    client.force_login(user("dalarna-ekonom"))

    response = client.post(
        url("allocate", "dalarna", care.pk),
        {
            "key": "population",
            "unit": "ore",
            "municipalities": [m.pk for m in municipalities],
            "reference_date": "2019-12-31",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(url("agreement", "dalarna", ok_2020.pk))
    allocation = Allocation.objects.get(funds=care)
    assert allocation.key == "population"
    assert allocation.reference_date == datetime.date(2019, 12, 31)
    new = shares_of(care)
    assert sum(new.values()) == care.amount == Decimal("2788853.65")
    populations = dict(
        PopulationFigure.objects.filter(
            organisation__in=municipalities, reference_date=datetime.date(2019, 12, 31)
        ).values_list("organisation__name", "population")
    )
    everyone = sum(populations.values())
    for name, amount in new.items():  # each within one öre of its exact quota
        assert abs(amount - care.amount * populations[name] / everyone) < Decimal("0.01")

    page = response.content.decode()
    _header, *rows, total = table_rows(page, sv(MUNICIPAL, agreement="ÖK 2020"))
    shown = {row[0]: row[2] for row in rows}
    assert shown == {name: kr(amount) for name, amount in new.items()}
    assert total[2] == kr(care.amount) == "2\xa0788\xa0853,65\xa0kr"
    # The other municipal direction is as the seed has it.
    assert {row[0]: row[1] for row in rows} == {
        name: kr(plans) for name, (plans, _care, _r) in seed_municipal().items()
    }
    # A population split also shows as a split, with the population per recipient.
    caption = sv(SPLIT, direction=care.direction.name, agreement="ÖK 2020")
    header, *split, split_total = table_rows(page, caption)
    assert header[1] == sv("Population %(date)s", date="2019-12-31")
    assert split_total[1].replace("\xa0", "") == str(everyone)
    assert split_total[2] == "2\xa0788\xa0853,65\xa0kr"


def test_manual_table_that_does_not_add_up_is_refused_with_the_difference(client, demo):
    care = funds("kunskapsbaserad-vard")
    before = shares_of(care)
    allocation_pk = Allocation.objects.get(funds=care).pk
    lines = [f"{name};{str(amount).replace('.', ',')}" for name, amount in sorted(before.items())]
    lines[0] = lines[0].rsplit(";", 1)[0] + ";224 672,00"  # Avesta 224 672,33 → 0,33 kr short
    typed = "\n".join(lines)
    client.force_login(user("dalarna-ekonom"))

    response = client.post(
        url("allocate", "dalarna", care.pk), {"key": "manual", "unit": "ore", "manual": typed}
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        sv(
            "The table adds up to %(total)s but the direction has %(amount)s; the difference "
            "is %(difference)s.",
            total="2\xa0788\xa0853,32\xa0kr",
            amount="2\xa0788\xa0853,65\xa0kr",
            difference="0,33\xa0kr",
        )
        in page
    )
    assert 'role="alert"' in page
    assert "Avesta;224 672,00" in page  # what was typed is kept
    assert Allocation.objects.get(funds=care).pk == allocation_pk
    assert shares_of(care) == before


def test_manual_table_names_the_line_of_an_unknown_recipient(client, demo):
    care = funds("kunskapsbaserad-vard")
    before = shares_of(care)
    client.force_login(user("dalarna-ekonom"))
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "manual", "unit": "ore", "manual": "Falun;1 000\nKarlskrona;2 788 853,65"},
    )
    page = html.unescape(response.content.decode())
    assert sv("Line %(line)d: unknown recipient %(name)s.", line=2, name="Karlskrona") in page
    assert shares_of(care) == before


def test_manual_table_that_adds_up_replaces_the_allocation(client, demo, ok_2020):
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "manual", "unit": "ore", "manual": "Falun;2 000 000\nMora;-1\n"},
    )
    assert sv(
        "Line %(line)d: %(amount)s is not an amount in kronor and öre.", line=2, amount="-1"
    ) in html.unescape(response.content.decode())
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "manual", "unit": "ore", "manual": "Falun;2 000 000\nMora\t788 853,65\n"},
        follow=True,
    )
    assert shares_of(care) == {"Falun": Decimal("2000000.00"), "Mora": Decimal("788853.65")}
    _header, *rows, _total = table_rows(
        response.content.decode(), sv(MUNICIPAL, agreement="ÖK 2020")
    )
    vansbro = next(row for row in rows if row[0] == "Vansbro")
    assert vansbro[2] == "–"  # no allocation in this direction any more
    assert vansbro[3] == "131\xa0635\xa0kr"  # 131 634,63 rounded


def test_in_proportion_to_another_direction_gives_the_seeds_two_to_one(client, demo):
    care, plans = funds("kunskapsbaserad-vard"), funds("handlingsplaner")
    client.force_login(user("dalarna-ekonom"))
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "ratio", "unit": "ore", "ratio_source": plans.allocation.pk},
    )
    assert response.status_code == 302
    new, source = shares_of(care), shares_of(plans)
    assert sum(new.values()) == care.amount
    for name, amount in new.items():  # half of the action-plan amount, within one öre
        assert abs(amount - source[name] / 2) < Decimal("0.01"), name


def test_flat_amount_that_leaves_funds_over_says_so(client, demo, ok_2020):
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {
            "key": "flat",
            "unit": "krona",
            "municipalities": [m.pk for m in care.region.organisations.municipalities()],
            "flat_amount": "100 000",
        },
        follow=True,
    )
    assert set(shares_of(care).values()) == {Decimal("100000")}
    left = care.amount - 15 * Decimal("100000")  # 1 288 853,65 kr
    notice = sv(
        "%(direction)s: %(amount)s is not allocated to any recipient.",
        direction=care.direction.name,
        amount=kr(left),
    )
    assert notice in html.unescape(response.content.decode())


def test_weights_from_a_csv_file(client, demo):
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    upload = SimpleUploadedFile(
        "vikter.csv", b"recipient,weight\nFalun,2\n2081,1\n", content_type="text/csv"
    )
    client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "weights", "unit": "ore", "weights_file": upload},
    )
    assert shares_of(care) == {"Falun": Decimal("1859235.77"), "Borlänge": Decimal("929617.88")}


def test_weights_from_a_windows_1252_file_with_semicolons(client, demo):
    # As Excel set to Swedish saves "CSV": Windows-1252 (ä as one byte), semicolons.
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    content = "mottagare;vikt\nFalun;2\nBorlänge;1\n".encode("cp1252")
    client.post(
        url("allocate", "dalarna", care.pk),
        {
            "key": "weights",
            "unit": "ore",
            "weights_file": SimpleUploadedFile("vikter.csv", content),
        },
    )
    assert shares_of(care) == {"Falun": Decimal("1859235.77"), "Borlänge": Decimal("929617.88")}


def test_weights_file_with_an_unknown_recipient_is_refused_next_to_the_field(client, demo):
    care = funds("kunskapsbaserad-vard")
    before = shares_of(care)
    client.force_login(user("dalarna-ekonom"))
    upload = SimpleUploadedFile("vikter.csv", b"recipient,weight\nFalun,2\nOslo,1\n")
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {"key": "weights", "unit": "ore", "weights_file": upload},
    )
    page = html.unescape(response.content.decode())
    field = page[
        page.index('id="id_weights_file_helptext"') - 400 : page.index('id="id_weights_file"')
    ]
    assert sv("Line %(line)d: unknown recipient %(name)s.", line=3, name="Oslo") in field
    assert shares_of(care) == before


def test_missing_rate_and_top_slice_holder_are_shown_next_to_their_fields(client, demo):
    care = funds("kunskapsbaserad-vard")
    client.force_login(user("dalarna-ekonom"))
    response = client.post(
        url("allocate", "dalarna", care.pk),
        {
            "key": "rate",
            "unit": "krona",
            "municipalities": [],
            "reference_date": "2019-12-31",
            "top_slice": "100 000",
            "top_slice_purpose": "Gemensam samordnare",
        },
    )
    form = response.context["form"]
    assert form.errors["rate"] == [sv("Give the rate in kronor per inhabitant.")]
    assert form.errors["top_slice_to"] == [sv("Say who holds the pooled top slice.")]
    assert form.errors["municipalities"] == [sv("Choose at least one recipient.")]
    page = response.content.decode()
    assert 'value="100 000"' in page and 'value="Gemensam samordnare"' in page


def test_rate_per_inhabitant_with_a_top_slice(client, demo):
    """Like Västra Götaland's seed: a pooled part first, then 0,580 kr per inhabitant."""
    direction = funds("samsjuklighet", "vastra-gotaland")
    region = direction.region
    associations = region.organisations.filter(kind="association", members__isnull=False)
    regional = region.organisations.get(kind="region")
    client.force_login(user("vastra-gotaland-ekonom"))
    response = client.post(
        url("allocate", "vastra-gotaland", direction.pk),
        {
            "key": "rate",
            "unit": "krona",
            "municipalities": [],
            "associations": [a.pk for a in associations.distinct()],
            "reference_date": "2019-12-31",
            "rate": "0,500",
            "top_slice": "1 000 000",
            "top_slice_to": regional.pk,
            "top_slice_purpose": "Koordinator",
        },
    )
    # 0,500 kr gives less than the 1 000 000 kr to split: the form says so and asks first.
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["confirm_total"]
    data = {**form.data.dict(), "associations": form.data.getlist("associations")}
    response = client.post(
        url("allocate", "vastra-gotaland", direction.pk), {**data, "confirm_total": "on"}
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(funds=direction)
    assert allocation.rate == Decimal("0.5")
    split = allocation.shares.filter(pooled=False)
    population = sum(int(share.weight) for share in split)
    rate_total = (Decimal("0.5") * population).quantize(Decimal("1"), ROUND_HALF_UP)
    assert sum(s.amount for s in split) == rate_total
    assert allocation.shares.get(pooled=True).amount == Decimal("1000000")


def test_a_direction_with_spending_cannot_be_allocated_again(client, demo):
    plans = funds("handlingsplaner")  # Falun has reported spending against its share
    before = shares_of(plans)
    client.force_login(user("dalarna-ekonom"))
    notice = sv("Funds are committed or spent against this allocation, so it cannot be made again.")
    page = client.get(url("allocate", "dalarna", plans.pk)).content.decode()
    assert notice in html.unescape(page)
    assert 'name="key"' not in page
    response = client.post(
        url("allocate", "dalarna", plans.pk),
        {"key": "manual", "unit": "ore", "manual": "Falun;5 577 707,31"},
    )
    assert notice in html.unescape(response.content.decode())
    assert shares_of(plans) == before


# Query count


def test_agreement_page_query_count_does_not_grow_with_recipients(client, demo, ok_2020):
    region = Region.objects.get(slug="dalarna")
    client.force_login(user("dalarna-ekonom"))
    address = url("agreement", "dalarna", ok_2020.pk)
    client.get(address)  # warm up: session, content types
    with CaptureQueriesContext(connection) as fifteen:
        page = client.get(address).content.decode()
    assert len(table_rows(page, sv(MUNICIPAL, agreement="ÖK 2020"))) == 1 + 15 + 1

    extra = [OrganisationFactory(region=region, name=f"Ny kommun {n:02d}") for n in range(35)]
    care = funds("kunskapsbaserad-vard")
    municipalities = list(region.organisations.municipalities())
    assert len(municipalities) == 50
    allocate_funds(
        care, actor=None, key="weights", weights=[(m, Decimal(1)) for m in municipalities]
    )
    with CaptureQueriesContext(connection) as fifty:
        page = client.get(address).content.decode()

    rows = table_rows(page, sv(MUNICIPAL, agreement="ÖK 2020"))
    assert len(rows) == 1 + 50 + 1
    assert any(row[0] == extra[-1].name for row in rows)
    assert len(fifty) == len(fifteen), [q["sql"] for q in fifty.captured_queries]


def test_weights_file_may_use_swedish_column_names(db):
    from pusselbit.funds.domain import weights_from_file
    from tests.factories import OrganisationFactory, RegionFactory

    region = RegionFactory(code="77", slug="test-77")
    # A code of its own: the module's demo (built once for it) holds the real Falun.
    falun = OrganisationFactory(region=region, code="7780", name="Falun")
    weights = weights_from_file("vikter.csv", b"mottagare;vikt\n7780;59 186\n", region)
    assert weights == [(falun, Decimal("59186"))]


def test_weights_file_may_be_windows_1252_with_semicolons(db):
    from pusselbit.funds.domain import weights_from_file
    from tests.factories import OrganisationFactory, RegionFactory

    region = RegionFactory(code="77", slug="test-77")
    sater = OrganisationFactory(region=region, code="7782", name="Säter")
    content = "mottagare;vikt\nSäter;10 951,5\n".encode("cp1252")
    assert weights_from_file("vikter.csv", content, region) == [(sater, Decimal("10951.5"))]
