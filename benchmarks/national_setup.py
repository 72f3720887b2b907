"""The national data set's parts written through the domain functions (see national.py): the
regions' set-up as the demo does it, the money, the reporting requirements, the action plans
and the assignment documents. Each step skips what is there, like the demo."""

import datetime
from decimal import Decimal

from pusselbit.accounts.domain import grant_role
from pusselbit.agreements.enums import DirectionScope
from pusselbit.agreements.models import Direction
from pusselbit.demo.builders import (
    DEMO_REGIONS,
    MUNICIPAL_ROLES,
    ROLE_LOGIN,
    _operation_areas,
    _organisation,
    _user,
)
from pusselbit.demo.initiatives import build_initiatives, build_meetings_and_progress_reports
from pusselbit.organisations.enums import CivilSocietyType, OrganisationKind
from pusselbit.organisations.models import Organisation, Region

POPULATION_AT = datetime.date(2019, 12, 31)
# Kronor per inhabitant and year: each county-joint direction, each municipal direction.
COUNTY_JOINT_RATE = Decimal("2.10")
MUNICIPAL_RATE = Decimal("5.40")


def regional(region) -> Organisation:
    return region.organisations.get(kind=OrganisationKind.REGION)


def population(region) -> int:
    from django.db.models import Sum

    from pusselbit.organisations.models import PopulationFigure

    total = PopulationFigure.objects.filter(
        organisation__region=region,
        organisation__kind=OrganisationKind.MUNICIPALITY,
        reference_date=POPULATION_AT,
    ).aggregate(total=Sum("population"))["total"]
    return total or 0


def set_up_regions(only: list[str] | None = None) -> list[Region]:
    """Every region (or those of `only`, plus the demo's) set up as the demo sets up its own:
    one user per role with memberships, a user organisation, operation areas, then the demo's
    six ideas walked through the stages, its meetings and a follow-up."""
    demo = {d.slug for d in DEMO_REGIONS}
    regions = [
        r
        for r in Region.objects.order_by("code")
        if only is None or r.slug in only or r.slug in demo
    ]
    for index, region in enumerate(regions):
        if region.slug in demo:
            continue
        own = regional(region)
        biggest = (
            region.organisations.municipalities()
            .with_population_at(POPULATION_AT)
            .order_by("-population", "name")
            .first()
        )
        user_org = _organisation(
            region,
            f"Brukarrådet {region.county_name}",
            OrganisationKind.CIVIL_SOCIETY,
            civil_society_type=CivilSocietyType.USER_ORGANISATION,
        )
        _operation_areas(own, ("Vuxenpsykiatri", "Barn- och ungdomspsykiatri"))
        _operation_areas(biggest, ("Socialtjänst", "Elevhälsa"))
        for number, (role, login) in enumerate(ROLE_LOGIN.items()):
            user = _user(f"{region.slug}-{login}", index * 13 + number, None)
            if role in MUNICIPAL_ROLES:
                organisation = biggest
            elif role.value == "user_organisation_representative":
                organisation = user_org
            else:
                organisation = own
            grant_role(user, region, organisation, role, actor=None)
        build_initiatives(region)
        build_meetings_and_progress_reports(region)
    return regions


def build_funds(regions, years) -> None:
    """ÖK per year; each region's funds per direction (by its population) allocated — the
    county-joint ones to the region, the municipal ones per capita over its municipalities —
    and requisitioned by the region for all of them."""
    from pusselbit.funds.domain import (
        allocate_funds,
        create_agreement,
        record_requisition,
        set_region_funds,
    )
    from pusselbit.funds.models import Agreement, RegionFunds

    directions = list(Direction.objects.order_by("order"))
    for year in years:
        agreement = Agreement.objects.filter(year=year).first() or create_agreement(
            f"ÖK {year}",
            f"Överenskommelse om insatser inom området psykisk hälsa {year}",
            year,
            datetime.date(year + 1, 6, 30),
            actor=None,
        )
        for region in regions:
            inhabitants = population(region)
            own = regional(region)
            municipalities = list(region.organisations.municipalities())
            have = set(
                RegionFunds.objects.filter(agreement=agreement, region=region).values_list(
                    "direction_id", flat=True
                )
            )
            made = []
            for direction in directions:
                if direction.pk in have:
                    continue
                joint = direction.scope == DirectionScope.COUNTY_JOINT
                rate = COUNTY_JOINT_RATE if joint else MUNICIPAL_RATE
                amount = (rate * inhabitants).quantize(Decimal("1"))
                funds = set_region_funds(agreement, region, direction, amount, actor=None)
                if joint:
                    allocate_funds(funds, actor=None, key="manual", amounts=[(own, amount)])
                else:
                    allocate_funds(
                        funds,
                        actor=None,
                        key="population",
                        recipients=municipalities,
                        reference_date=POPULATION_AT,
                    )
                made.append(funds)
            if made:
                record_requisition(
                    agreement,
                    region,
                    actor=None,
                    requisitioned_by=own,
                    requisitioned_from="SKR",
                    amount=sum((f.amount for f in made), Decimal("0")),
                    requisitioned_on=datetime.date(year, 6, 15),
                    directions=[f.direction for f in made],
                    on_behalf_of=[own, *municipalities],
                    registration_number=f"{region.code}-{year}/REK",
                )


def question_set():
    """One national question set of ten questions (bulk rows: the import takes a file)."""
    from pusselbit.reporting.models import Question, QuestionSet, Section

    existing = QuestionSet.objects.filter(name="Nationell redovisning (benchmark)").first()
    if existing:
        return existing
    questions = QuestionSet.objects.create(name="Nationell redovisning (benchmark)", issuer="SKR")
    types = ["text", "number", "amount", "yes_no", "text"]
    for number in range(2):
        section = Section.objects.create(
            question_set=questions, title=f"Avsnitt {number + 1}", order=number
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                code=f"{number + 1}.{n + 1}",
                text=f"Fråga {number + 1}.{n + 1} om arbetet med psykisk hälsa",
                answer_type=types[n],
                order=n,
            )
            for n in range(5)
        )
    return questions


def build_requirements(regions, years) -> None:
    """A final report per region and agreement year from the municipalities and the region;
    the last year also asks for a partial report."""
    from pusselbit.funds.models import Agreement
    from pusselbit.reporting.domain.requirements import create_requirement
    from pusselbit.reporting.models import Requirement

    questions = question_set()
    for year in years:
        agreement = Agreement.objects.get(year=year, name=f"ÖK {year}")
        kinds = [("final", datetime.date(year + 1, 3, 31))]
        if year == max(years):
            kinds.append(("partial", datetime.date(year, 9, 30)))
        for region in regions:
            recipients = [regional(region), *region.organisations.municipalities()]
            for kind, deadline in kinds:
                if Requirement.objects.filter(
                    region=region, agreement=agreement, kind=kind, question_set=questions
                ).exists():
                    continue
                create_requirement(
                    None,
                    region,
                    agreement=agreement,
                    kind=kind,
                    deadline=deadline,
                    question_set=questions,
                    recipients=recipients,
                    remind_days_before=[30, 7],
                )


GOALS = [
    (1, "1:1", "Främja psykisk hälsa i skolan"),
    (1, "1:2", "Minska antalet suicid i länet"),
    (2, "2:1", "Ge stöd inom en vecka"),
    (2, "2:2", "Förebygga bruk av alkohol och narkotika bland unga"),
    (3, "3:1", "Brukare ska vara delaktiga i utvecklingsarbetet"),
    (3, "3:2", "Anhöriga ska erbjudas stöd"),
    (4, "4:1", "Integrerade insatser vid samsjuklighet"),
    (4, "4:2", "Stöd till personer i hemlöshet"),
    (5, "5:1", "Gemensam styrning av utvecklingsarbetet"),
    (5, "5:2", "Uppföljning med gemensamma indikatorer"),
]
PLAN_TITLE = "Länsgemensam handlingsplan psykisk hälsa och suicidprevention 2019–2022"


def build_plans(regions) -> dict:
    """Each region's county action plan with ten goals and three indicators with values.
    Returns {region pk: plan}."""
    from pusselbit.plans import domain as plans
    from pusselbit.plans.models import ActionPlan

    made = {}
    for region in regions:
        plan = ActionPlan.objects.filter(region=region, title=PLAN_TITLE).first()
        if plan is None:
            plan = plans.create_plan(
                region, PLAN_TITLE, 2019, 2022, actor=None, adopted_by="Ledningsgruppen"
            )
            indicators = [
                plans.add_indicator(plan, name, actor=None, unit=unit)
                for name, unit in [
                    ("Andel skolor med elevhälsoplan", "%"),
                    ("Suicid per 100 000 invånare", "antal"),
                    ("Väntetid till första samtal", "dagar"),
                ]
            ]
            areas = {area.number: area for area in plan.focus_areas.all()}
            for n, (area, number, text) in enumerate(GOALS):
                plans.add_goal(
                    plan, areas[area], number, text, actor=None, indicators=[indicators[n % 3]]
                )
            for indicator in indicators:
                for year in (2019, 2020, 2021):
                    plans.record_indicator_value(
                        indicator,
                        actor=None,
                        period=datetime.date(year, 12, 31),
                        period_label=str(year),
                        value=Decimal(10 + year % 7),
                        source="Benchmarkvärden",
                    )
        made[region.pk] = plan
    return made


def build_assignments(regions, plans) -> None:
    """Three assignment documents per region, under its plan, with an allocation."""
    from pusselbit.assignments import domain as assignments
    from pusselbit.assignments.models import Assignment
    from pusselbit.funds.models import Allocation

    for region in regions:
        plan = plans[region.pk]
        goals = list(plan.goals.all())
        allocations = list(
            Allocation.objects.filter(funds__region=region).order_by("-funds__agreement__year")[:3]
        )
        for n, allocation in enumerate(allocations):
            title = f"Uppdrag {n + 1}: {goals[n].text}"
            if Assignment.objects.filter(region=region, title=title).exists():
                continue
            assignments.create_assignment(
                region,
                actor=None,
                plan=plan,
                place=region.name,
                dated=datetime.date(2020, 3, 1 + n),
                title=title,
                background="Länets handlingsplan pekar ut området som prioriterat.",
                goals=goals[n : n + 2],
                purpose="Att utveckla arbetet i länet enligt handlingsplanen.",
                organisation_text="Styrgruppen för handlingsplanen är styrgrupp.",
                allocation=allocation,
            )
