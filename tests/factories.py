import datetime

import factory

from pusselbit.accounts.models import Membership, User
from pusselbit.organisations.models import Organisation, PopulationFigure, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"{n % 100:02d}")
    name = factory.LazyAttribute(lambda r: f"Region {r.code}")
    county_name = factory.LazyAttribute(lambda r: f"Län {r.code}")
    slug = factory.LazyAttribute(lambda r: f"region-{r.code}")
    regional_organisation = factory.RelatedFactory(
        "tests.factories.OrganisationFactory",
        factory_related_name="region",
        kind="region",
        name=factory.SelfAttribute("..name"),
        code=factory.SelfAttribute("..code"),
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    kind = "municipality"
    name = factory.Sequence(lambda n: f"Kommun {n}")
    code = factory.Sequence(lambda n: f"{9000 + n % 999:04d}")


class PopulationFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationFigure

    organisation = factory.SubFactory(OrganisationFactory)
    reference_date = datetime.date(2019, 11, 1)
    population = 10_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-password-1")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    organisation = factory.LazyAttribute(lambda m: m.region.organisations.get(kind="region"))
    role = "county_coordinator"


def initiative_copies(initiative, count, title="Kopia", numbered=False):
    """`count` more initiatives like `initiative` (same region, stage, owner and organisation),
    in one insert: the domain function is too slow for the hundreds a bounded-list test needs.
    `numbered` gives each a registration number (RB 2026/n), for searches by number."""
    from pusselbit.initiatives.models import Initiative

    return Initiative.objects.bulk_create(
        Initiative(
            region_id=initiative.region_id,
            workflow_id=initiative.workflow_id,
            stage_id=initiative.stage_id,
            owner_id=initiative.owner_id,
            organisation_id=initiative.organisation_id,
            title=f"{title} {number}",
            registration_number=f"RB 2026/{number}" if numbered else "",
        )
        for number in range(count)
    )
