"""The demo installation: three regions from the seeds, one user per role in each.

Built with the same domain functions as the pages, and idempotent: each step looks for what it
would create first, so a second run writes nothing."""

from dataclasses import dataclass

from django.db import transaction

from pusselbit.accounts.domain import create_user, grant_role
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import User
from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core import embeddings
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.search.tasks import embed_rows
from pusselbit.organisations.domain import (
    add_operation_area,
    create_organisation,
    load_reference_data,
)
from pusselbit.organisations.enums import CivilSocietyType, OrganisationKind
from pusselbit.organisations.models import Organisation, Region

from .funds import build_funds
from .initiatives import build_initiatives, build_meetings_and_progress_reports
from .library import build_library
from .plans import build_plans_and_assignments
from .proposals import build_proposals
from .reporting import build_reporting

DEMO_PASSWORD = "pusselbit-demo"
SUPERUSER = "admin"

# The Swedish name of each role, used in the demo login names (blekinge-lanssamordnare).
ROLE_LOGIN = {
    Role.INITIATOR: "initiativtagare",
    Role.COUNTY_COORDINATOR: "lanssamordnare",
    Role.LOCAL_COORDINATOR: "lokal-samordnare",
    Role.SUICIDE_PREVENTION_COORDINATOR: "suicidprevention",
    Role.COORDINATION_GROUP_MEMBER: "samordningsgrupp",
    Role.LSVO_MEMBER: "lsvo",
    Role.REGIONAL_DIRECTOR: "regiondirektor",
    Role.STEERING_GROUP_MEMBER: "styrgrupp",
    Role.USER_ORGANISATION_REPRESENTATIVE: "brukarorganisation",
    Role.FINANCE_OFFICER: "ekonom",
    Role.ANALYST: "analytiker",
    Role.COMMUNICATOR: "kommunikator",
    Role.ADMINISTRATOR: "administrator",
}
# Who acts on behalf of a municipality; everyone else works for the region's own organisation
# or, for the user-organisation representative, for the user organisation.
MUNICIPAL_ROLES = {Role.INITIATOR, Role.LOCAL_COORDINATOR, Role.COORDINATION_GROUP_MEMBER}

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Per",
    "Sara",
    "Mikael",
    "Lena",
    "Anders",
    "Emma",
    "Nils",
    "Ingrid",
    "Oskar",
    "Fatima",
    "Ali",
    "Sofia",
    "Jonas",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
]


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    municipality: str  # the municipality the municipal demo users work for
    user_organisation: str
    civil_society: tuple[tuple[str, CivilSocietyType], ...]
    regional_areas: tuple[str, ...]
    municipal_areas: tuple[str, ...]


DEMO_REGIONS = [
    DemoRegion(
        slug="blekinge",
        municipality="Karlskrona",
        user_organisation="Brukarföreningen för psykisk hälsa i Blekinge",
        civil_society=(
            ("Stiftelsen Unga i Blekinge", CivilSocietyType.FOUNDATION),
            ("Socialt företag Kustverkstaden", CivilSocietyType.SOCIAL_ENTERPRISE),
        ),
        regional_areas=("Vuxenpsykiatri", "Barn- och ungdomspsykiatri", "Primärvård"),
        municipal_areas=("Individ- och familjeomsorg", "Elevhälsa"),
    ),
    DemoRegion(
        slug="dalarna",
        municipality="Falun",
        user_organisation="Brukarrådet Dalarna",
        civil_society=(("Föreningen Samtalsstödet Dalarna", CivilSocietyType.ASSOCIATION),),
        regional_areas=("Psykiatri", "Ungdomsmottagningar"),
        municipal_areas=("Socialtjänst", "Vård och omsorg"),
    ),
    DemoRegion(
        slug="vastra-gotaland",
        municipality="Borås",
        user_organisation="Brukarorganisationernas samverkansråd Västra Götaland",
        civil_society=(("Kooperativet Vägen tillbaka", CivilSocietyType.COOPERATIVE),),
        regional_areas=("Vuxenpsykiatri", "Beroendevård"),
        municipal_areas=("Socialtjänst", "Missbruk och beroende"),
    ),
]


def _organisation(region: Region, name: str, kind, **kwargs) -> Organisation:
    existing = Organisation.objects.filter(region=region, name=name, kind=kind).first()
    return existing or create_organisation(region, name, kind, actor=None, **kwargs)


def _operation_areas(organisation: Organisation, names) -> None:
    have = set(organisation.operation_areas.values_list("name", flat=True))
    for name in names:
        if name not in have:
            add_operation_area(organisation, name, actor=None)


def _user(username: str, index: int, password: str | None) -> User:
    existing = User.objects.filter(username=username).first()
    if existing:
        return existing
    return create_user(
        username,
        actor=None,
        email=f"{username}@example.org",
        first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
        last_name=LAST_NAMES[(index * 7) % len(LAST_NAMES)],
        password=password,
    )


@transaction.atomic
# The demo builds every region's rows, outside any request's region scope
# (pusselbit.core.scoping).
@scopes_disabled()
def build_demo(password: str | None = DEMO_PASSWORD) -> list[tuple[str, str, str]]:
    """Build the demo; return (login, role, region) for each demo user.

    The users it creates, and the superuser, get `password`; None leaves them without a usable
    one, for a training installation that gives each its own (the demo command's --training)."""
    load_reference_data(actor=None)
    # The agreement's directions come with a migration; a flushed test database lacks them.
    agreement_reference.load(Direction, PriorityArea)
    logins = []
    index = 0
    for demo in DEMO_REGIONS:
        region = Region.objects.get(slug=demo.slug)
        regional = region.organisations.get(kind=OrganisationKind.REGION)
        municipality = region.organisations.municipalities().get(name=demo.municipality)
        user_org = _organisation(
            region,
            demo.user_organisation,
            OrganisationKind.CIVIL_SOCIETY,
            civil_society_type=CivilSocietyType.USER_ORGANISATION,
        )
        for name, kind in demo.civil_society:
            _organisation(region, name, OrganisationKind.CIVIL_SOCIETY, civil_society_type=kind)
        _operation_areas(regional, demo.regional_areas)
        _operation_areas(municipality, demo.municipal_areas)
        for role, login in ROLE_LOGIN.items():
            username = f"{demo.slug}-{login}"
            user = _user(username, index, password)
            index += 1
            if role in MUNICIPAL_ROLES:
                organisation = municipality
            elif role == Role.USER_ORGANISATION_REPRESENTATIVE:
                organisation = user_org
            else:
                organisation = regional
            grant_role(user, region, organisation, role, actor=None)
            logins.append((username, role.label, region.name))

    build_funds()
    for demo in DEMO_REGIONS:
        region = Region.objects.get(slug=demo.slug)
        build_initiatives(region)
        build_meetings_and_progress_reports(region)
    build_plans_and_assignments()
    build_reporting()
    build_proposals()
    # Past initiatives with what came of them, for "Lär av andra" and the search's benchmark;
    # before the embedding, so that their meanings are embedded with the rest.
    for demo in DEMO_REGIONS:
        build_library(Region.objects.get(slug=demo.slug))
    # The meanings are embedded here, not left to a worker, so that the demo (and the tests'
    # shared demo, whose transaction never commits) shows similar initiatives at once.
    if embeddings.available():
        embed_rows()

    if not User.objects.filter(username=SUPERUSER).exists():
        User.objects.create_superuser(SUPERUSER, f"{SUPERUSER}@example.org", password)
    return logins
