"""The money of the seeds: ÖK 2020 for Region Dalarna to the öre (Dalarna seed), ÖK 2019's
co-morbidity funds for Västra Götaland split per capita over the four municipal associations
(samsjuklighet seed), their requisitions, and spending. Built with the funds domain functions."""

import datetime
from decimal import Decimal

from pusselbit.accounts.models import User
from pusselbit.agreements.models import Direction
from pusselbit.funds.domain import (
    allocate_funds,
    create_agreement,
    record_requisition,
    report_spending,
    set_region_funds,
)
from pusselbit.funds.models import Agreement, Allocation, Requisition, Share
from pusselbit.organisations.domain import create_organisation
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation, Region

OK_2020 = (
    "ÖK 2020",
    "Överenskommelse om insatser inom området psykisk hälsa och suicidprevention 2020",
    2020,
    datetime.date(2020, 12, 31),
)
OK_2019 = (
    "ÖK 2019",
    "Överenskommelse om insatser inom området psykisk hälsa 2019",
    2019,
    datetime.date(2020, 12, 31),
)

# Dalarna seed, "Länsgemensamma medel": held by Region Dalarna.
DALARNA_COUNTY_JOINT = {
    "samsjuklighet": "7649410.97",
    "brukarmedverkan": "1000000.00",
    "suicidprevention": "5577707.31",
    "ungdomsmottagningar": "3945120.95",
}
# Dalarna seed, "Medel till kommunerna": per municipality, the two municipal directions.
DALARNA_MUNICIPAL = [
    ("Vansbro", "131634.63", "65817.31"),
    ("Malung-Sälen", "195494.48", "97747.24"),
    ("Gagnef", "199835.79", "99917.89"),
    ("Leksand", "306566.04", "153283.02"),
    ("Rättvik", "212491.47", "106245.74"),
    ("Orsa", "134115.38", "67057.69"),
    ("Älvdalen", "136227.89", "68113.94"),
    ("Smedjebacken", "210979.77", "105489.88"),
    ("Mora", "395640.36", "197820.18"),
    ("Falun", "1150872.72", "575436.36"),
    ("Borlänge", "1017590.72", "508795.36"),
    ("Säter", "215359.83", "107679.92"),
    ("Hedemora", "299802.13", "149901.07"),
    ("Avesta", "449344.65", "224672.33"),
    ("Ludvika", "521751.45", "260875.72"),
]
MUNICIPAL_DIRECTIONS = ("handlingsplaner", "kunskapsbaserad-vard")
# Samsjuklighet seed, "Medel": the municipal half split over the four municipal associations
# "(0,580 kr/inv. per 1/11–19)". The product holds SCB's year-end counts, not the 1 November
# 2019 figures the seed used (those give 0,579 kr and GR 554 763 kr), so the demo ships the
# seed's own amounts as a manual table stating the seed's rate and date, and names its source.
VG_SPLIT_RATE = Decimal("0.580")
VG_SPLIT_DATE = datetime.date(2019, 11, 1)
VG_SPLIT = [
    ("GR", "554579"),
    ("FYRBODAL", "158831"),
    ("SKARABORG", "155594"),
    ("SJUHARAD", "130996"),
]
VG_SPLIT_SOURCE = (
    "Uppdragshandlingen Koordinatörer för samverkan kring personer med samsjuklighet "
    "(VästKom och Västra Götalandsregionen, Göteborg 2020-05-06), avsnittet Medel: "
    "beloppen per kommunalförbund efter SCB:s folkmängd 1 november 2019"
)


def _agreement(definition) -> Agreement:
    name, full_name, year, use_by = definition
    return Agreement.objects.filter(name=name).first() or create_agreement(
        name, full_name, year, use_by, actor=None
    )


def _direction(code) -> Direction:
    return Direction.objects.get(code=code)


def build_dalarna() -> None:
    region = Region.objects.get(slug="dalarna")
    agreement = _agreement(OK_2020)
    if Allocation.objects.filter(funds__agreement=agreement, funds__region=region).exists():
        return
    finance = User.objects.get(username="dalarna-ekonom")
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    for code, amount in DALARNA_COUNTY_JOINT.items():
        funds = set_region_funds(
            agreement, region, _direction(code), Decimal(amount), actor=finance
        )
        allocate_funds(funds, actor=finance, key="manual", amounts=[(regional, amount)])
    municipalities = {m.name: m for m in region.organisations.municipalities()}
    for column, code in enumerate(MUNICIPAL_DIRECTIONS, start=1):
        amounts = [(municipalities[row[0]], Decimal(row[column])) for row in DALARNA_MUNICIPAL]
        funds = set_region_funds(
            agreement,
            region,
            _direction(code),
            sum((a for _m, a in amounts), Decimal("0")),
            actor=finance,
        )
        allocate_funds(funds, actor=finance, key="manual", amounts=amounts)
    record_requisition(
        agreement,
        region,
        actor=finance,
        requisitioned_by=regional,
        requisitioned_from="SKR",
        amount=sum((f.amount for f in agreement.funds.filter(region=region)), Decimal("0")),
        requisitioned_on=datetime.date(2020, 6, 15),
        directions=Direction.objects.filter(funds__agreement=agreement, funds__region=region),
        on_behalf_of=[regional, *municipalities.values()],
        note="Region Dalarna har rekvirerat samtliga medel för Dalarnas del enligt "
        "överenskommelsen.",
    )
    falun = Share.objects.get(
        allocation__funds__agreement=agreement,
        allocation__funds__direction__code="handlingsplaner",
        recipient__name="Falun",
    )
    report_spending(
        falun,
        Decimal("812400.00"),
        actor=finance,
        spent_on=datetime.date(2020, 11, 30),
        description="Utvecklingsinsatser enligt Faluns handlingsplan",
    )


def build_vastra_gotaland() -> None:
    region = Region.objects.get(slug="vastra-gotaland")
    agreement = _agreement(OK_2019)
    if Allocation.objects.filter(funds__agreement=agreement, funds__region=region).exists():
        return
    finance = User.objects.get(username="vastra-gotaland-ekonom")
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    by_code = {
        association.code: association
        for association in region.organisations.filter(kind=OrganisationKind.ASSOCIATION)
    }
    associations = [by_code[code] for code, _amount in VG_SPLIT]
    funds = set_region_funds(
        agreement, region, _direction("samsjuklighet"), Decimal("2000000.00"), actor=finance
    )
    # 1 000 000 kr for the region's coordinator first; then the seed's table for the four
    # associations, with the rate and date it states (see VG_SPLIT).
    allocate_funds(
        funds,
        actor=finance,
        key="manual",
        unit="krona",
        amounts=[(by_code[code], Decimal(amount)) for code, amount in VG_SPLIT],
        rate=VG_SPLIT_RATE,
        reference_date=VG_SPLIT_DATE,
        source=VG_SPLIT_SOURCE,
        top_slice=Decimal("1000000"),
        top_slice_to=regional,
        top_slice_purpose="Koordinator för Västra Götalandsregionen",
    )
    vastkom = Organisation.objects.filter(region=region, code="VASTKOM").first() or (
        create_organisation(
            region, "VästKom", OrganisationKind.ASSOCIATION, actor=None, code="VASTKOM"
        )
    )
    if not Requisition.objects.filter(region=region, agreement=agreement).exists():
        record_requisition(
            agreement,
            region,
            actor=finance,
            requisitioned_by=vastkom,
            requisitioned_from="SKR",
            amount=funds.amount,
            requisitioned_on=datetime.date(2019, 12, 10),
            directions=[funds.direction],
            on_behalf_of=[regional, *associations],
            note="Rekvirerade av VästKom enligt överenskommelse med Västra Götalandsregionen.",
        )
        for share in funds.allocation.shares.select_related("recipient"):
            record_requisition(
                agreement,
                region,
                actor=finance,
                requisitioned_by=share.recipient,
                requisitioned_from="VästKom",
                amount=share.amount,
                requisitioned_on=datetime.date(2020, 2, 1),
                directions=[funds.direction],
                on_behalf_of=[share.recipient],
            )


def build_funds() -> None:
    build_dalarna()
    build_vastra_gotaland()
