import datetime
from decimal import Decimal

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


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative placed straight in a stage of its region's workflow (the idea by default:
    `InitiativeFactory(stage_key="genomforande")`), without the domain function's audit entry:
    for a test that needs a few initiatives to list or link, not one that tests creating them."""

    class Meta:
        model = "initiatives.Initiative"
        skip_postgeneration_save = True

    class Params:
        stage_key = "ide"

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory, region=factory.SelfAttribute("..region"))
    owner = factory.SubFactory(UserFactory)
    workflow = factory.LazyAttribute(lambda i: _workflow_for(i.region))
    stage = factory.LazyAttribute(lambda i: i.workflow.stages.get(key=i.stage_key))
    title = factory.Sequence(lambda n: f"Satsning {n}")

    @factory.post_generation
    def indexed(initiative, create, extracted, **kwargs):
        """Searchable, as the domain function makes it (initiatives.search.index)."""
        if create:
            # Imported here: the factories module is loaded before Django's app registry.
            from pusselbit.initiatives.search.index import refresh

            refresh(initiative)


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notice already in a user's list (shown in the product, not mailed): for the pages; the
    domain function notify() is what makes and mails them."""

    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    kind = "submitted"
    subject = factory.Sequence(lambda n: f"Satsning {n} har skickats in")
    body = "Idén är inskickad."
    url = "/"
    mailing = "none"


def _workflow_for(region):
    from pusselbit.initiatives.domain.ideas import workflow_for

    return workflow_for(region)


def _direction(code="suicidprevention"):
    """A direction of the agreement; loaded from the reference when a flushed database lacks
    the rows their migration made."""
    from pusselbit.agreements import reference
    from pusselbit.agreements.models import Direction, PriorityArea

    if not Direction.objects.filter(code=code).exists():
        reference.load(Direction, PriorityArea)
    return Direction.objects.get(code=code)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "funds.Agreement"
        django_get_or_create = ["name"]

    year = 2026
    name = factory.LazyAttribute(lambda a: f"ÖK {a.year}")
    full_name = factory.LazyAttribute(lambda a: f"Överenskommelse {a.year}")
    use_by = factory.LazyAttribute(lambda a: datetime.date(a.year, 12, 31))


class RegionFundsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "funds.RegionFunds"

    agreement = factory.SubFactory(AgreementFactory)
    region = factory.SubFactory(RegionFactory)
    direction = factory.LazyFunction(_direction)
    amount = Decimal("100000.00")


class AllocationFactory(factory.django.DjangoModelFactory):
    """A manual allocation of a region's funds for one direction; `shares` gives recipients
    their amounts: `AllocationFactory(shares=[(organisation, "60000.00"), …])`."""

    class Meta:
        model = "funds.Allocation"
        skip_postgeneration_save = True

    funds = factory.SubFactory(RegionFundsFactory)
    key = "manual"

    @factory.post_generation
    def shares(allocation, create, amounts, **kwargs):
        from pusselbit.funds.models import Share

        for recipient, amount in amounts or ():
            Share.objects.create(allocation=allocation, recipient=recipient, amount=Decimal(amount))


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A draft assignment document with the fields its form requires."""

    class Meta:
        model = "assignments.Assignment"
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    place = "Göteborg"
    dated = datetime.date(2020, 5, 6)
    title = factory.Sequence(lambda n: f"Uppdrag {n}")
    background = "Bakgrund till uppdraget."
    purpose = "Syftet med uppdraget."
    organisation_text = "Uppdraget leds av en styrgrupp."


class QuestionSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.QuestionSet"

    name = factory.Sequence(lambda n: f"Frågeunderlag {n}")
    issuer = "SKR"


class RequirementFactory(factory.django.DjangoModelFactory):
    """A final report due from `recipients` (post-generation: a list of organisations)."""

    class Meta:
        model = "reporting.Requirement"
        skip_postgeneration_save = True

    agreement = factory.SubFactory(AgreementFactory)
    region = factory.SubFactory(RegionFactory)
    kind = "final"
    deadline = datetime.date(2027, 3, 31)
    question_set = factory.SubFactory(QuestionSetFactory)

    @factory.post_generation
    def recipients(requirement, create, organisations, **kwargs):
        if organisations:
            requirement.recipients.set(organisations)


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report of one recipient, on a requirement of the recipient's region that lists
    the recipient among those who must report."""

    class Meta:
        model = "reporting.Report"
        skip_postgeneration_save = True

    recipient = factory.SubFactory(OrganisationFactory)
    requirement = factory.SubFactory(
        RequirementFactory, region=factory.SelfAttribute("..recipient.region")
    )

    @factory.post_generation
    def listed(report, create, extracted, **kwargs):
        report.requirement.recipients.add(report.recipient)


def initiative_copies(initiative, count, title="Kopia", numbered=False):
    """`count` more initiatives like `initiative` (same region, stage, owner and organisation),
    in one insert: the domain function is too slow for the hundreds a bounded-list test needs.
    `numbered` gives each a registration number (RB 2026/n), for searches by number."""
    from pusselbit.initiatives.models import Initiative

    # Imported here: the factories module is loaded before Django's app registry.
    from pusselbit.initiatives.search.index import refresh_many

    made = Initiative.objects.bulk_create(
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
    refresh_many([copy.pk for copy in made])
    return made
