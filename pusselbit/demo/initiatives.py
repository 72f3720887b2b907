"""Demo initiatives in several stages for each demo region, walked there through the same
domain functions the pages call, by the demo users of the roles the process names."""

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import User
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.funds.models import Share
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain import execution, invitations, meetings
from pusselbit.initiatives.enums import Criterion, PreparationStep
from pusselbit.initiatives.models import Initiative, Meeting, Transition
from pusselbit.initiatives.workflows.engine import transition
from pusselbit.organisations.enums import OrganisationKind

DAY = datetime.date(2026, 10, 15)
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

# title, stage to reach, directions, priority areas, problem, idea
IDEAS = [
    (
        "Samtalsstöd inom en vecka för unga vuxna",
        "genomforande",
        ["suicidprevention"],
        ["tidiga-insatser"],
        "Unga vuxna med psykisk ohälsa väntar i genomsnitt 45 dagar på stöd.",
        "Ett gemensamt samtalsstöd mellan kommunens socialtjänst och regionens vuxenpsykiatri.",
    ),
    (
        "Mobilt team för personer med samsjuklighet",
        "rekommendation",
        ["samsjuklighet"],
        ["utsatta-grupper"],
        "Personer med samsjuklighet faller mellan huvudmännens insatser.",
        "Ett mobilt team där kommun och region arbetar tillsammans hos personen.",
    ),
    (
        "Suicidpreventiv utbildning för skolpersonal",
        "underlag",
        ["suicidprevention"],
        ["forebyggande"],
        "Skolpersonal känner sig osäkra när en elev visar tecken på suicidrisk.",
        "Utbildning i YAM och första hjälpen till psykisk hälsa för elevhälsan.",
    ),
    (
        "Brukarråd i primärvården",
        "samordningsgrupp",
        ["brukarmedverkan"],
        ["delaktighet"],
        "Brukarnas röst saknas när primärvårdens insatser planeras.",
        "Ett brukarråd med brukarorganisationerna som träffar primärvården varje kvartal.",
    ),
    (
        "Kvalitetscafé om ensamhet bland äldre",
        "radgivning",
        ["handlingsplaner"],
        ["forebyggande"],
        "Ensamheten bland äldre ökar och ger psykisk ohälsa.",
        "Kvalitetscaféer där äldre, anhöriga och verksamheterna möts.",
    ),
    (
        "Digitalt stöd vid ångest för gymnasieelever",
        "ide",
        ["ungdomsmottagningar"],
        ["tidiga-insatser"],
        "Många gymnasieelever söker hjälp för ångest.",
        "",
    ),
]

PATH = [
    "ide",
    "radgivning",
    "inskickad",
    "samordningsgrupp",
    "dialogforum",
    "underlag",
    "rekommendation",
    "beslut",
    "genomforande",
]


def _share(region, *, direction_codes):
    """The region's own share of the initiative's direction in its newest agreement, if any."""
    return (
        Share.objects.filter(
            allocation__funds__region=region,
            allocation__funds__direction__code__in=direction_codes,
            recipient__kind=OrganisationKind.REGION,
        )
        .order_by("-allocation__funds__agreement__year")
        .first()
    )


def _user(region, login):
    return User.objects.get(username=f"{region.slug}-{login}")


def _move(initiative, target, actor, outcome="", comment=""):
    chosen = Transition.objects.get(source=initiative.stage, target__key=target, outcome=outcome)
    transition(initiative, chosen, actor=actor, comment=comment)


def assess_and_prepare(initiative, coordinator, done_on) -> None:
    """Steps 5–7 as a coordinator does them: every criterion met, every preparation step done."""
    for criterion in Criterion:
        domain.assess_criterion(
            initiative,
            criterion,
            "met",
            "Bedömt vid dialogforum och beskrivet i underlaget.",
            actor=coordinator,
        )
    for step in PreparationStep:
        domain.record_preparation_step(initiative, step, actor=coordinator, done_on=done_on)


def _prepare(initiative, region, municipality, regional, coordinator, writer):
    for organisation in (municipality, regional):
        domain.add_participant(
            initiative,
            organisation,
            actor=coordinator,
            operation_area=organisation.operation_areas.first(),
            contact_name="Kontaktperson",
            contact_email="kontakt@example.org",
        )
    user_org = region.organisations.filter(civil_society_type="user_organisation").first()
    if user_org:
        domain.add_participant(initiative, user_org, actor=coordinator)
    assess_and_prepare(initiative, coordinator, DAY)
    domain.update_proposal(
        initiative,
        actor=writer,
        expected_version=1,
        background=initiative.problem,
        purpose=initiative.idea,
        goals="Halverad väntetid till stöd inom ett år.",
        programme_logic="Tidigt stöd minskar risken att ohälsan fördjupas.",
        evidence_basis="both",
        evidence_references="Socialstyrelsens nationella riktlinjer.",
        evaluation_plan="Följs upp halvårsvis och utvärderas av FoU-enheten efter två år.",
        reporting_plan="Rapport till styrgruppen varje halvår.",
        implementation_plan="Arbetssättet förs in i ordinarie verksamhet år tre.",
        economic_effects="Färre slutenvårdsdagar på sikt.",
        no_running_costs=True,
    )
    domain.add_effect_measure(
        initiative,
        actor=writer,
        name="Väntetid till första samtal",
        target_group="Målgruppen",
        baseline=Decimal("45"),
        target=Decimal("7"),
        unit="dagar",
        method="Journaluttag",
        frequency="Kvartalsvis",
    )
    domain.add_budget_line(
        initiative,
        actor=writer,
        year=2027,
        category="Personal",
        amount=Decimal("650000.00"),
        funding="stimulus",
    )
    domain.add_budget_line(
        initiative,
        actor=writer,
        year=2027,
        category="Lokaler",
        amount=Decimal("80000.00"),
        funding="own",
    )


def build_initiatives(region) -> None:
    municipality_user = _user(region, "initiativtagare")
    initiator_org = municipality_user.memberships.get(region=region).organisation
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    coordinator = _user(region, "lanssamordnare")
    for title, goal, directions, areas, problem, idea in IDEAS:
        if Initiative.objects.filter(region=region, title=title).exists():
            continue
        initiative = domain.create_initiative(
            region,
            actor=municipality_user,
            organisation=initiator_org,
            title=title,
            problem=problem,
            idea=idea,
            target_groups="Se idén",
            involved="Kommun och region",
            expected_results="Bättre psykisk hälsa i målgruppen",
            contact_name="Demo Demosson",
            contact_email=municipality_user.email,
            directions=Direction.objects.filter(code__in=directions),
            priority_areas=PriorityArea.objects.filter(code__in=areas),
        )
        for target in PATH[1 : PATH.index(goal) + 1]:
            if target == "underlag":
                _move(initiative, target, coordinator)
                _prepare(
                    initiative,
                    region,
                    initiator_org,
                    regional,
                    coordinator,
                    _user(region, "lokal-samordnare"),
                )
            elif target == "beslut":
                domain.record_recommendation(
                    initiative,
                    Transition.objects.get(source=initiative.stage, outcome="recommend"),
                    actor=_user(region, "lsvo"),
                    rationale="Väl underbyggd satsning.",
                    meeting_date=DAY,
                )
            elif target == "genomforande":
                # Paid from an agreement's funds, the decision falls within its year.
                share = _share(region, direction_codes=directions)
                decided_on = (
                    datetime.date(share.allocation.funds.agreement.year, 3, 16) if share else DAY
                )
                domain.record_decision(
                    initiative,
                    Transition.objects.get(source=initiative.stage, outcome="approved"),
                    actor=_user(region, "regiondirektor"),
                    decided_on=decided_on,
                    registration_number=f"{region.code}-{decided_on.year}/{initiative.pk}",
                    budget=Decimal("650000.00"),
                    follow_up_plan="Halvårsvis till styrgruppen.",
                    paid_from=share,
                )
            else:
                actor = municipality_user if target in {"radgivning", "inskickad"} else coordinator
                _move(initiative, target, actor)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def _advice_and_comments(region, coordinator, initiatives) -> None:
    """The county coordinator's advice on the idea waiting for it, and a word in the thread of
    the proposal being written, naming its initiator (who is told)."""
    idea = initiatives.get("radgivning")
    if idea:
        domain.give_advice(
            idea,
            actor=coordinator,
            fits_agreement="partly",
            fit_note="Passar överenskommelsens område suicidprevention, men driften efter "
            "projekttiden behöver lösas.",
            advice="Koppla ihop idén med elevhälsan och bjud in brukarorganisationen tidigt.",
            next_step="contact_actors",
            next_step_note="Boka ett möte med elevhälsan före nästa samordningsgrupp.",
            suggested_actors=list(
                region.organisations.filter(civil_society_type="user_organisation")[:1]
            ),
        )
    writing = initiatives.get("underlag")
    if writing:
        domain.post_comment(
            writing,
            f"@{writing.owner.username} Budgeten för år två behöver delas upp per huvudman "
            "innan underlaget går till LSVO.",
            actor=coordinator,
        )


def _next_group_meeting(region, coordinator, idea) -> None:
    """The coordination group's next meeting, two weeks from the day the demo is built (so it
    is always ahead): its members invited by role and the invitation sent, for their start
    pages to show it and ask for an answer."""
    day = timezone.localdate() + datetime.timedelta(days=14)
    meeting = meetings.create_meeting(
        region,
        actor=coordinator,
        kind="coordination_group",
        title="Samordningsgruppen, nästa möte",
        starts_at=_at(day, 9),
        ends_at=_at(day, 11),
        location="Regionhuset, sal 2",
    )
    if idea:
        meetings.add_agenda_item(meeting, idea, actor=coordinator)
    invitations.invite_by_role(meeting, [Role.COORDINATION_GROUP_MEMBER], actor=coordinator)
    invitations.send_invitations(meeting, actor=coordinator)


def _lsvo_meeting(region, coordinator, waiting) -> None:
    """LSVO's meeting on the proposal that waits for its recommendation, its members invited by
    role: its page gives the proposal, and the agenda with every proposal in one file."""
    day = DAY + datetime.timedelta(days=35)
    meeting = meetings.create_meeting(
        region,
        actor=coordinator,
        kind="lsvo",
        title="LSVO, november",
        starts_at=_at(day, 13),
        ends_at=_at(day, 15),
        location="Regionhuset, sal 1",
    )
    if waiting:
        meetings.add_agenda_item(meeting, waiting, actor=coordinator)
    invitations.invite_by_role(meeting, [Role.LSVO_MEMBER], actor=coordinator)


def build_meetings_and_progress_reports(region) -> None:
    """A coordination-group meeting that presented the ideas, a dialogue forum, LSVO's meeting
    on the proposal waiting for it, a check-in and a half-year follow-up of the running
    initiative. Skipped when the region has meetings."""
    if Meeting.objects.filter(region=region).exists():
        return
    coordinator = _user(region, "lanssamordnare")
    initiatives = {i.stage.key: i for i in Initiative.objects.filter(region=region)}
    group = meetings.create_meeting(
        region,
        actor=coordinator,
        kind="coordination_group",
        title="Samordningsgruppen, oktober",
        starts_at=_at(DAY, 9),
        ends_at=_at(DAY, 11),
        location="Regionhuset, sal 2",
        notes="Nya idéer presenterades.",
    )
    presented = initiatives.get("samordningsgrupp")
    if presented:
        item = meetings.add_agenda_item(group, presented, actor=coordinator)
        user_org = region.organisations.filter(civil_society_type="user_organisation")
        meetings.name_actors(item, list(user_org), actor=coordinator)
    forum_day = DAY + datetime.timedelta(days=45)
    forum = meetings.create_meeting(
        region,
        actor=coordinator,
        kind="dialogue_forum",
        title="Kvalitetscafé",
        starts_at=_at(forum_day, 13),
        ends_at=_at(forum_day, 16),
        location="Folkets hus",
    )
    writing = initiatives.get("underlag")
    if writing:
        meetings.add_agenda_item(forum, writing, actor=coordinator)
        meetings.invite_for_initiative(forum, writing, actor=coordinator)
        meetings.record_check_in(
            writing,
            actor=coordinator,
            date=DAY,
            group="Ledningsgrupp IFO",
            notes="Stöd för att gå vidare med underlaget.",
        )
    _next_group_meeting(region, coordinator, initiatives.get("radgivning"))
    _lsvo_meeting(region, coordinator, initiatives.get("rekommendation"))
    _advice_and_comments(region, coordinator, initiatives)
    running = initiatives.get("genomforande")
    if running:
        measure = running.proposal.measures.first()
        execution.report_progress(
            running,
            actor=coordinator,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            done="Två samtalsstödjare anställda.",
            deviations="Rekryteringen tog en månad längre än planerat.",
            values={measure: Decimal("30")},
        )
        execution.record_seminar(
            running,
            actor=coordinator,
            held_on=DAY,
            title="Lärande seminarium: tidigt samtalsstöd",
            audience="Kommunernas socialtjänst och regionens psykiatri",
        )
