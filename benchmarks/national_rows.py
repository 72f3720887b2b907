"""The national data set's bulk rows (see national.py): what is counted in tens of thousands,
written with bulk_create (and the audit trail with one INSERT … SELECT), consistent with what
the domain functions wrote — each initiative's stage is one of its region's workflow, its
participants act in the region, a decision's commitment never exceeds what its share has
left, and spending never exceeds what was committed."""

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from national_setup import population, regional

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.agreements.enums import DirectionScope
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.models import AuditEntry
from pusselbit.funds.models import Commitment, Share, Spending
from pusselbit.initiatives.models import (
    Decision,
    Initiative,
    Participant,
    Proposal,
    Recommendation,
    StageChange,
)
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation
from pusselbit.plans.models import Goal
from pusselbit.reporting.models import Answer, Report, Requirement

# Stage key: share of the initiatives in it.
STAGE_WEIGHTS = {
    "ide": 14,
    "radgivning": 7,
    "inskickad": 8,
    "samordningsgrupp": 7,
    "dialogforum": 6,
    "malgruppsdialog": 4,
    "underlag": 10,
    "rekommendation": 5,
    "beslut": 4,
    "genomforande": 15,
    "implementering": 6,
    "avslutad": 8,
    "avslagen": 4,
    "atertagen": 2,
}
PROPOSAL_FROM = "underlag"
DECIDED = {"genomforande": "approved", "implementering": "approved", "avslutad": "approved"}
TOPICS = [
    "Samtalsstöd för unga vuxna",
    "Mobilt team vid samsjuklighet",
    "Suicidpreventiv utbildning för skolpersonal",
    "Brukarråd i primärvården",
    "Kvalitetscafé om ensamhet bland äldre",
    "Digitalt stöd vid ångest",
    "Föräldrastöd i förskolan",
    "Stöd till anhöriga",
    "Elevhälsa i samverkan",
    "Tidig upptäckt av depression",
    "Efterlevandestöd efter suicid",
    "Boendestöd med brukarmedverkan",
]
AUDIT_PER_INITIATIVE = 28
FULL_HISTORY = 300  # audit entries of the few initiatives with a long history
FULL_HISTORY_PER_REGION = 3


@contextmanager
def own_timestamps(*fields):
    """Let bulk_create keep the dates given (auto_now/auto_now_add would stamp them now)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f, _now, _add in saved:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _field(model, name):
    return model._meta.get_field(name)


def initiators(region) -> dict[int, User]:
    """An initiating user per municipality of the region: {organisation pk: user}."""
    municipalities = list(region.organisations.municipalities())
    names = {m.pk: f"{region.slug}-initiativtagare-{m.code}" for m in municipalities}
    existing = {u.username: u for u in User.objects.filter(username__in=names.values())}
    new = [
        # No usable password yet: national.build gives every account the same one at the end.
        User(username=name, email=f"{name}@example.org", password="!")
        for name in names.values()
        if name not in existing
    ]
    for user in User.objects.bulk_create(new):
        existing[user.username] = user
    Membership.objects.bulk_create(
        [
            Membership(
                user=existing[names[m.pk]], region=region, organisation=m, role=Role.INITIATOR
            )
            for m in municipalities
        ],
        ignore_conflicts=True,
    )
    return {pk: existing[name] for pk, name in names.items()}


def build_rows(regions, plans, years, *, initiatives: int, say=print) -> None:
    rng = random.Random(20_000)
    inhabitants = {r.pk: population(r) for r in regions}
    total = sum(inhabitants.values()) or 1
    directions = list(Direction.objects.order_by("order"))
    areas = list(PriorityArea.objects.all())
    for region in regions:
        count = round(initiatives * inhabitants[region.pk] / total)
        made = _initiatives(region, count, years, directions, areas, rng)
        _decisions(region, made, years, rng)
        _links(plans[region.pk], made, rng)
        say(f"{region.name}: {len(made)} initiatives")
    _reports(regions, rng)
    say("reports and answers")
    _audit_trail(regions)
    say(f"audit trail: {AuditEntry.objects.count()} entries")


def _initiatives(region, count, years, directions, areas, rng):
    workflow = region.workflow
    stages = {s.key: s for s in workflow.stages.all()}
    keys = [k for k in STAGE_WEIGHTS if k in stages]
    weights = [STAGE_WEIGHTS[k] for k in keys]
    order = [s.key for s in sorted(stages.values(), key=lambda s: s.order)]
    by_municipality = initiators(region)
    municipalities = list(region.organisations.municipalities())
    own = regional(region)
    analyst = User.objects.get(username=f"{region.slug}-analytiker")
    rows = []
    for n in range(count):
        stage = stages[rng.choices(keys, weights)[0]]
        year = rng.choice(list(years))
        created = datetime.datetime(
            year, rng.randint(1, 12), rng.randint(1, 28), 9, tzinfo=datetime.UTC
        )
        if rng.random() < 0.8:
            organisation = rng.choice(municipalities)
            owner = by_municipality[organisation.pk]
        else:
            organisation, owner = own, analyst
        topic = rng.choice(TOPICS)
        submitted = order.index(stage.key) >= order.index("inskickad")
        rows.append(
            Initiative(
                region=region,
                workflow=workflow,
                stage=stage,
                owner=owner,
                organisation=organisation,
                registration_number=f"{region.code}-{year}/{n + 1}" if submitted else "",
                title=f"{topic} i {organisation.name}",
                problem=f"Behovet av {topic.lower()} har ökat i {organisation.name}.",
                idea=f"{topic} i samverkan mellan kommun och region.",
                target_groups="Barn, unga och vuxna",
                involved="Kommun, region och brukarorganisationer",
                expected_results="Bättre psykisk hälsa och färre suicid"
                if rng.random() < 0.1
                else "Bättre psykisk hälsa i målgruppen",
                rough_budget=Decimal(rng.randrange(50, 2000) * 1000),
                contact_name="Kontaktperson",
                contact_email="kontakt@example.org",
                created_at=created,
                updated_at=created + datetime.timedelta(days=rng.randint(0, 300)),
                submitted_at=created + datetime.timedelta(days=7) if submitted else None,
            )
        )
    with own_timestamps(_field(Initiative, "created_at"), _field(Initiative, "updated_at")):
        made = Initiative.objects.bulk_create(rows, batch_size=1000)
    direction_links, area_links, participants, proposals, changes = [], [], [], [], []
    Through = Initiative.directions.through
    AreaThrough = Initiative.priority_areas.through
    for initiative in made:
        for direction in rng.sample(directions, rng.choice([1, 1, 2])):
            direction_links.append(Through(initiative=initiative, direction=direction))
        area_links.append(AreaThrough(initiative=initiative, priorityarea=rng.choice(areas)))
        taking_part = {initiative.organisation, own, rng.choice(municipalities)}
        for organisation in list(taking_part)[: rng.randint(1, 3)]:
            participants.append(
                Participant(
                    initiative=initiative, organisation=organisation, contact_name="Kontakt"
                )
            )
        position = order.index(initiative.stage.key)
        if position >= order.index(PROPOSAL_FROM):
            suicide = rng.random() < 0.15
            proposals.append(
                Proposal(
                    initiative=initiative,
                    background=initiative.problem
                    + (" Suicidförsök bland unga har ökat." if suicide else ""),
                    purpose=initiative.idea,
                    goals="Halverad väntetid till stöd inom ett år.",
                    programme_logic="Tidigt stöd minskar risken att ohälsan fördjupas.",
                    evidence_basis="both",
                    evaluation_plan="Följs upp halvårsvis.",
                    no_running_costs=True,
                )
            )
        if position > 0:
            previous = order[min(position, order.index("implementering")) - 1]
            changes.append(
                StageChange(
                    initiative=initiative, from_stage=stages[previous], to_stage=initiative.stage
                )
            )
    Through.objects.bulk_create(direction_links, batch_size=5000)
    AreaThrough.objects.bulk_create(area_links, batch_size=5000)
    Participant.objects.bulk_create(participants, batch_size=5000)
    Proposal.objects.bulk_create(proposals, batch_size=2000)
    StageChange.objects.bulk_create(changes, batch_size=5000)
    return made


def _decisions(region, made, years, rng):
    """LSVO's recommendation and the decision for the initiatives past `beslut`; approved ones
    commit funds from a share of their direction and year while it has them, and some of that
    is spent. A few shares also have spending outside commitments."""
    stages = {s.key: s for s in region.workflow.stages.all()}
    lsvo = User.objects.get(username=f"{region.slug}-lsvo")
    director = User.objects.get(username=f"{region.slug}-regiondirektor")
    finance = User.objects.get(username=f"{region.slug}-ekonom")
    shares = {}
    for share in Share.objects.filter(allocation__funds__region=region).select_related(
        "allocation__funds__agreement", "allocation__funds__direction"
    ):
        funds = share.allocation.funds
        key = (funds.agreement.year, funds.direction_id, share.recipient_id)
        shares[key] = share
    left = {s.pk: s.amount for s in shares.values()}
    own = regional(region)
    directions = {}
    for link in Initiative.directions.through.objects.filter(initiative__in=made).select_related(
        "direction"
    ):
        directions.setdefault(link.initiative_id, link.direction)
    recommendations, decisions = [], []
    for initiative in made:
        key = initiative.stage.key
        if key not in DECIDED and key not in ("beslut", "avslagen"):
            continue
        day = initiative.created_at.date() + datetime.timedelta(days=60)
        recommendations.append(
            Recommendation(
                initiative=initiative,
                stage=stages["rekommendation"],
                outcome="recommend",
                rationale="Väl underbyggd satsning.",
                meeting_date=day,
                recorded_by=lsvo,
            )
        )
        if key == "beslut":
            continue
        decisions.append(
            Decision(
                initiative=initiative,
                stage=stages["beslut"],
                outcome=DECIDED.get(key, "rejected"),
                budget=Decimal(rng.randrange(50, 800) * 1000) if key in DECIDED else None,
                decided_on=day + datetime.timedelta(days=14),
                registration_number=f"RD {initiative.created_at.year}/{initiative.pk}",
                recorded_by=director,
            )
        )
    Recommendation.objects.bulk_create(recommendations, batch_size=2000)
    decisions = Decision.objects.bulk_create(decisions, batch_size=2000)
    commitments, spendings = [], []
    for decision in decisions:
        if decision.outcome != "approved":
            continue
        initiative = decision.initiative
        direction = directions.get(initiative.pk)
        if direction is None:
            continue
        year = initiative.created_at.year
        if direction.scope == DirectionScope.COUNTY_JOINT:
            recipient = own.pk
        elif initiative.organisation.kind == OrganisationKind.MUNICIPALITY:
            recipient = initiative.organisation_id
        else:
            continue
        share = shares.get((year, direction.pk, recipient))
        if share is None:
            continue
        amount = min(decision.budget, (left[share.pk] * Decimal("0.5")).quantize(Decimal("1")))
        if amount < 1000:
            continue
        left[share.pk] -= amount
        commitments.append(Commitment(share=share, decision=decision, year=year, amount=amount))
        if initiative.stage.key != "genomforande" or rng.random() < 0.5:
            spendings.append(
                Spending(
                    share=share,
                    initiative=initiative,
                    amount=(amount * Decimal(rng.randint(30, 100)) / 100).quantize(Decimal("1")),
                    spent_on=datetime.date(year, 12, 15),
                    description=f"Utfall för {initiative.title}",
                    reported_by=finance,
                )
            )
    for share in shares.values():
        if rng.random() < 0.15 and left[share.pk] > 10_000:
            amount = (left[share.pk] * Decimal("0.2")).quantize(Decimal("1"))
            left[share.pk] -= amount
            spendings.append(
                Spending(
                    share=share,
                    amount=amount,
                    spent_on=share.allocation.funds.agreement.use_by,
                    description="Utvecklingsinsatser enligt handlingsplanen",
                    reported_by=finance,
                )
            )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    Spending.objects.bulk_create(spendings, batch_size=2000)


def _links(plan, made, rng):
    """About one initiative in eight linked to each goal of the region's plan."""
    Through = Goal.initiatives.through
    Through.objects.bulk_create(
        [
            Through(goal=goal, initiative=initiative)
            for goal in plan.goals.all()
            for initiative in made
            if rng.random() < 0.12
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


def _reports(regions, rng):
    """Each requirement's recipients' reports: submitted for the years gone, some drafts and
    some not begun in the last; ten answers to each submitted report."""
    requirements = Requirement.objects.filter(region__in=regions).select_related("agreement")
    newest = max(r.agreement.year for r in requirements)
    reports = []
    for requirement in requirements:
        if requirement.reports.exists():
            continue
        for recipient in requirement.recipients.all():
            recent = requirement.agreement.year == newest
            roll = rng.random()
            if recent and roll < 0.3:
                continue
            submitted = not recent or roll > 0.6
            reports.append(
                Report(
                    requirement=requirement,
                    recipient=recipient,
                    status="submitted" if submitted else "draft",
                    submitted_at=datetime.datetime(
                        requirement.deadline.year,
                        requirement.deadline.month,
                        1,
                        tzinfo=datetime.UTC,
                    )
                    if submitted
                    else None,
                    registration_number=f"KS {requirement.deadline.year}/{rng.randint(1, 999)}"
                    if submitted
                    else "",
                )
            )
    reports = Report.objects.bulk_create(reports, batch_size=2000)
    questions = {}
    answers = []
    for report in reports:
        if report.status != "submitted":
            continue
        set_id = report.requirement.question_set_id
        if set_id not in questions:
            questions[set_id] = list(report.requirement.question_set.sections.all())
            questions[set_id] = [q for s in questions[set_id] for q in s.questions.all()]
        for question in questions[set_id]:
            answers.append(
                Answer(
                    report=report,
                    question=question,
                    text="Arbetet har fortsatt enligt plan."
                    if question.answer_type == "text"
                    else "",
                    number=Decimal(rng.randint(0, 5000))
                    if question.answer_type in ("number", "amount")
                    else None,
                    yes=rng.random() < 0.7 if question.answer_type == "yes_no" else None,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)


# The initiative's audit actions, in the order a long history repeats them, with their data
# (history.SENTENCES reads these keys).
AUDIT_ACTIONS = [
    ("initiative.idea_updated", "jsonb_build_object('fields', jsonb_build_array('idea'))"),
    (
        "initiative.stage_changed",
        "jsonb_build_object('from_stage', 'Idé', 'to_stage', 'Rådgivning')",
    ),
    ("initiative.participant_added", "jsonb_build_object('participant', o.name, 'kind', 'kommun')"),
    (
        "initiative.criterion_assessed",
        "jsonb_build_object('criterion', 'Behov', 'assessment', 'uppfyllt')",
    ),
    ("initiative.preparation_done", "jsonb_build_object('step', 'Dialogforum')"),
    (
        "initiative.proposal_updated",
        "jsonb_build_object('fields', jsonb_build_array('background'))",
    ),
    ("initiative.measure_added", "jsonb_build_object('measure', 'Väntetid till första samtal')"),
    ("initiative.budget_line_added", "jsonb_build_object('category', 'Personal', 'year', 2020)"),
    ("initiative.check_in_recorded", "jsonb_build_object('group', 'Ledningsgrupp IFO')"),
    ("initiative.registered", "jsonb_build_object('number', i.registration_number)"),
]


def _audit_trail(regions) -> None:
    """~28 audit entries per bulk initiative (and a few hundred for a few per region), dated
    from its creation on, by its owner or the region's county coordinator: one INSERT … SELECT
    (bulk_create of half a million rows takes minutes)."""
    kind = ContentType.objects.get_for_model(Initiative).pk
    coordinators = dict(
        User.objects.filter(username__in=[f"{r.slug}-lanssamordnare" for r in regions]).values_list(
            "username", "pk"
        )
    )
    pairs = [(r.pk, coordinators[f"{r.slug}-lanssamordnare"]) for r in regions]
    marked = set(AuditEntry.objects.filter(target_type_id=kind).values_list("target_id", flat=True))
    bulk = Initiative.objects.filter(region__in=regions).exclude(
        pk__in=[int(pk) for pk in marked if pk.isdigit()]
    )
    long = []
    for region in regions:
        long += list(
            bulk.filter(region=region, stage__key="avslutad")
            .order_by("pk")
            .values_list("pk", flat=True)[:FULL_HISTORY_PER_REGION]
        )
    actions = "ARRAY[" + ", ".join(f"'{a}'" for a, _d in AUDIT_ACTIONS) + "]"
    data = "CASE mod(g, {n}) {cases} END".format(
        n=len(AUDIT_ACTIONS),
        cases=" ".join(f"WHEN {n} THEN {d}" for n, (_a, d) in enumerate(AUDIT_ACTIONS)),
    )
    values = ", ".join(["(%s, %s)"] * len(pairs))
    action = f"({actions})[1 + mod(g, {len(AUDIT_ACTIONS)})]"
    # Only this module's constants are interpolated; the values go as parameters.
    sql = f"""
        WITH coordinator(region_id, user_id) AS (VALUES {values})
        INSERT INTO core_auditentry (at, actor_id, action, target_type_id, target_id, data)
        SELECT i.created_at + g * interval '5 days',
               CASE WHEN mod(g, 3) = 0 THEN c.user_id ELSE i.owner_id END,
               CASE WHEN g = 0 THEN 'initiative.created' ELSE {action} END,
               %s, i.id::text,
               CASE WHEN g = 0 THEN jsonb_build_object('title', i.title) ELSE {data} END
        FROM initiatives_initiative i
        JOIN coordinator c ON c.region_id = i.region_id
        JOIN organisations_organisation o ON o.id = i.organisation_id
        CROSS JOIN LATERAL generate_series(
            0, CASE WHEN i.id = ANY(%s) THEN {FULL_HISTORY} ELSE {AUDIT_PER_INITIATIVE - 1} END
        ) AS g
        WHERE i.id = ANY(%s)
    """  # noqa: S608
    params = [v for pair in pairs for v in pair] + [
        kind,
        long,
        list(bulk.values_list("pk", flat=True)),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def counts() -> dict[str, int]:
    from pusselbit.assignments.models import Assignment
    from pusselbit.funds.models import Agreement, Requisition
    from pusselbit.organisations.models import Region

    return {
        "regions": Region.objects.count(),
        "municipalities": Organisation.objects.municipalities().count(),
        "users": User.objects.count(),
        "initiatives": Initiative.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "agreements": Agreement.objects.count(),
        "shares (ledger rows)": Share.objects.count(),
        "decisions": Decision.objects.count(),
        "commitments": Commitment.objects.count(),
        "spendings": Spending.objects.count(),
        "requisitions": Requisition.objects.count(),
        "requirements": Requirement.objects.count(),
        "reports": Report.objects.count(),
        "goal links": Goal.initiatives.through.objects.count(),
        "assignments": Assignment.objects.count(),
    }
