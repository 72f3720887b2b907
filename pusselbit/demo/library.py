"""The demo's library of past initiatives: eight per demo region, each with its own topic, carried
from idea to what came of it (implemented, scaled up, not implemented, or still running) through
the same domain functions the pages call, by the demo users of the roles the process names.

Every one of them is decided, so published ("Lär av andra", public.results), and none commits
agreement funds: their budgets are decided, not paid from the demo's funds. The dates of the
records (decisions, follow-ups, evaluations) lie in 2023–2026, before the demo's day
(demo.initiatives.DAY); the texts are in library_data*.py."""

import datetime
from decimal import Decimal

from pusselbit.accounts.models import User
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain import execution
from pusselbit.initiatives.enums import DecisionExtent
from pusselbit.initiatives.models import Initiative, Transition
from pusselbit.initiatives.workflows.engine import transition
from pusselbit.organisations.enums import OrganisationKind

from .initiatives import assess_and_prepare
from .library_data import BLEKINGE, ENDED, IMPLEMENT, RUNNING, SCALE_UP, Past
from .library_data_dalarna import DALARNA
from .library_data_vastra_gotaland import VASTRA_GOTALAND

LIBRARY = {"blekinge": BLEKINGE, "dalarna": DALARNA, "vastra-gotaland": VASTRA_GOTALAND}

# From the decision to carry an initiative out: its first follow-up's end, and, for a finished
# one, its final evaluation and the steps to the decision on implementation.
FOLLOW_UP = datetime.timedelta(days=180)
EVALUATED = datetime.timedelta(days=540)
REVIEWED = datetime.timedelta(days=560)
RECOMMENDED = datetime.timedelta(days=575)
CLOSED = datetime.timedelta(days=590)


def _user(region, login) -> User:
    return User.objects.get(username=f"{region.slug}-{login}")


def _via(initiative, target: str, outcome: str = "") -> Transition:
    return Transition.objects.get(source=initiative.stage, target__key=target, outcome=outcome)


def _number(region, day: datetime.date, initiative, n: int) -> str:
    return f"{region.code}-{day.year}/{initiative.pk}-{n}"


def _participants(initiative, past: Past, region, municipality, coordinator) -> None:
    """The demo municipality and the region, each with an operation area (the hard rule), the
    user organisation, and the initiative's other partners (without an area of their own, so
    no organisation gets a new one)."""
    municipal_area, regional_area = past.areas
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    for organisation, area in ((municipality, municipal_area), (regional, regional_area)):
        domain.add_participant(
            initiative,
            organisation,
            actor=coordinator,
            operation_area=organisation.operation_areas.get(name=area),
        )
    taking_part = {municipality.pk, regional.pk}
    user_org = region.organisations.filter(civil_society_type="user_organisation").first()
    for organisation in [user_org, *(region.organisations.get(name=n) for n in past.partners)]:
        if organisation.pk not in taking_part:
            domain.add_participant(initiative, organisation, actor=coordinator)
            taking_part.add(organisation.pk)


def _prepare(initiative, past: Past, region, coordinator, writer) -> list:
    """Steps 5–8: the criteria, the preparation and the proposal, done before the decision."""
    prepared = past.decided_on - datetime.timedelta(days=30)
    assess_and_prepare(initiative, coordinator, prepared)
    domain.update_proposal(
        initiative,
        actor=writer,
        expected_version=1,
        background=past.background,
        purpose=past.purpose,
        goals=past.goals,
        programme_logic=past.expected_results,
        evidence_basis="both",
        evidence_references="Socialstyrelsens nationella riktlinjer och erfarenheter från "
        "andra regioner.",
        evaluation_plan="Följs upp halvårsvis och utvärderas av FoU-enheten.",
        reporting_plan="Rapport till styrgruppen varje halvår.",
        implementation_plan="Ett lyckat arbetssätt förs in i ordinarie verksamhet efter "
        "projekttiden.",
        economic_effects="Tidiga insatser minskar behovet av dyrare vård på sikt.",
        no_running_costs=True,
    )
    measures = [
        domain.add_effect_measure(
            initiative,
            actor=writer,
            name=m.name,
            target_group=m.target_group,
            baseline=Decimal(m.baseline),
            target=Decimal(m.target),
            unit=m.unit,
            method="Uppföljning i verksamheten",
            frequency="Halvårsvis",
        )
        for m in past.measures
    ]
    domain.add_budget_line(
        initiative,
        actor=writer,
        year=past.decided_on.year,
        category="Personal",
        amount=Decimal(past.budget),
        funding="stimulus",
    )
    return measures


def _decide(initiative, past: Past, region) -> None:
    """Steps 9 and 10: LSVO's recommendation and the regional director's decision to carry the
    initiative out, with its budget and no funds committed."""
    domain.record_recommendation(
        initiative,
        _via(initiative, "beslut", "recommend"),
        actor=_user(region, "lsvo"),
        rationale="Väl underbyggd satsning med tydliga effektmått.",
        meeting_date=past.decided_on - datetime.timedelta(days=14),
    )
    domain.record_decision(
        initiative,
        _via(initiative, "genomforande", "approved"),
        actor=_user(region, "regiondirektor"),
        decided_on=past.decided_on,
        registration_number=_number(region, past.decided_on, initiative, 1),
        budget=Decimal(past.budget),
        follow_up_plan="Halvårsvis till styrgruppen.",
    )


def _close(initiative, past: Past, region, coordinator) -> None:
    """Steps 11–12: the final evaluation, the review of resources, LSVO's recommendation and
    the decision on implementation: approved with its extent, or not to implement."""
    summary, effects, lessons = past.evaluation
    execution.record_final_evaluation(
        initiative,
        actor=coordinator,
        summary=summary,
        effects=effects,
        lessons=lessons,
        evaluated_on=past.decided_on + EVALUATED,
    )
    transition(initiative, _via(initiative, "implementering"), actor=coordinator)
    execution.review_resources(
        initiative,
        actor=coordinator,
        economic_resources="Kostnaderna ryms i verksamheternas ordinarie budget."
        if past.outcome != ENDED
        else "Att fortsätta kräver resurser som inte motiveras av effekterna.",
        personnel_resources="Personalen finns i verksamheterna."
        if past.outcome != ENDED
        else "Personalen återgår till sina ordinarie uppdrag.",
        scale_up_plan=past.closing,
        reviewed_on=past.decided_on + REVIEWED,
    )
    implemented = past.outcome in (IMPLEMENT, SCALE_UP)
    domain.record_recommendation(
        initiative,
        _via(initiative, "implementering", "recommend" if implemented else "do_not_recommend"),
        actor=_user(region, "lsvo"),
        rationale=past.closing,
        meeting_date=past.decided_on + RECOMMENDED,
    )
    closed_on = past.decided_on + CLOSED
    extent = {IMPLEMENT: DecisionExtent.IMPLEMENT, SCALE_UP: DecisionExtent.SCALE_UP}
    domain.record_decision(
        initiative,
        _via(initiative, "avslutad", "approved" if implemented else "rejected"),
        actor=_user(region, "regiondirektor"),
        decided_on=closed_on,
        registration_number=_number(region, closed_on, initiative, 2),
        rationale=past.closing,
        extent=extent.get(past.outcome, ""),
    )


def build_library(region) -> None:
    """The region's past initiatives; one already there (by title) is left as it is."""
    initiator = _user(region, "initiativtagare")
    municipality = initiator.memberships.get(region=region).organisation
    coordinator = _user(region, "lanssamordnare")
    for past in LIBRARY.get(region.slug, []):
        if Initiative.objects.filter(region=region, title=past.title).exists():
            continue
        initiative = domain.create_initiative(
            region,
            actor=initiator,
            organisation=municipality,
            title=past.title,
            problem=past.problem,
            idea=past.idea,
            target_groups=past.target_groups,
            involved=f"{municipality.name}, {region.name} och "
            + ", ".join([*past.partners, "brukarorganisationen"]),
            expected_results=past.expected_results,
            contact_name="Demo Demosson",
            contact_email=initiator.email,
            directions=Direction.objects.filter(code__in=past.directions),
            priority_areas=PriorityArea.objects.filter(code__in=past.priority_areas),
        )
        for target in ("radgivning", "inskickad"):
            transition(initiative, _via(initiative, target), actor=initiator)
        for target in ("samordningsgrupp", "dialogforum", "underlag"):
            transition(initiative, _via(initiative, target), actor=coordinator)
        _participants(initiative, past, region, municipality, coordinator)
        measures = _prepare(
            initiative, past, region, coordinator, _user(region, "lokal-samordnare")
        )
        transition(initiative, _via(initiative, "rekommendation"), actor=coordinator)
        _decide(initiative, past, region)
        finished = past.outcome != RUNNING
        execution.report_progress(
            initiative,
            actor=coordinator,
            period_start=past.decided_on,
            period_end=past.decided_on + (EVALUATED if finished else FOLLOW_UP),
            done="Aktiviteterna genomförda enligt planen."
            if finished
            else "Uppstart och de första aktiviteterna genomförda.",
            values={m: Decimal(p.result) for m, p in zip(measures, past.measures, strict=True)},
        )
        if finished:
            _close(initiative, past, region, coordinator)
