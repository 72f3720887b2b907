"""What the region-sealing walk (test_region_sealing.py) asks about: every page of the product,
found in the URL resolver, and the objects of one region that fill each page's ids."""

from dataclasses import dataclass, field
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLResolver, get_resolver

from pusselbit.accounts.domain import create_user, grant_role, invite_person
from pusselbit.accounts.domain.sso import add_identity_provider
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import IdentityProvider, RoleInvitation, User
from pusselbit.api.domain import make_api_token
from pusselbit.assignments.models import Assignment
from pusselbit.attachments.domain import upload_attachment
from pusselbit.funds.models import Share
from pusselbit.initiatives import domain as initiatives
from pusselbit.initiatives.enums import TransitionKind
from pusselbit.initiatives.models import Initiative, Meeting
from pusselbit.organisations.models import OperationArea, Region
from pusselbit.plans.models import Goal, Indicator
from pusselbit.proposals.models import Proposal
from pusselbit.reporting.domain.compilations import publish_compilation, request_compilation
from pusselbit.reporting.enums import ReportStatus
from pusselbit.reporting.models import Precondition, Report, Requirement

# The admin has its own test; the language switch and static files are no region's pages.
# The admin is walked by its own tests; single sign-on's protocol addresses (allauth) are
# public by design and name no region's object: tests/accounts/test_sso.py tries them.
# The REST API (api/) has its own walk: its public resources are everyone's and its internal
# ones answer a region's token, not a signed-in user (tests/api: another region's object is a
# 404 there too).
SKIPPED = ("admin/", "i18n/", "konto/sso/", "api/", settings.STATIC_URL.lstrip("/"))
PUBLIC = {
    "accept_invitation",
    "core:accessibility",
    "login",
    "login_code",  # the code after the password: for whoever passed the password step
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # Open data (pusselbit.opendata): public records for anyone, the region in the address is
    # `region`, not `region_slug`, so no region's scope turns a reader away.
    "opendata:index",
    "opendata:catalogue",
    "opendata:readme",
    "opendata:csv",
    "opendata:json",
    # The public pages (insyn): everyone's, the region named by `region`, not `region_slug`.
    "public:start",
    "public:initiatives",
    "public:initiative",
    "public:money",
    "public:agreement",
    "public:plans",
    "public:plan",
    "public:documents",
    "public:assignment_file",
    "public:report_file",
    # Lär av andra: every region's published initiatives, for everyone, at /insyn/lar-av-andra/.
    "learning:learn",
    # For load balancers and monitoring (pusselbit.operations): JSON, nothing about any region.
    "operations:live",
    "operations:ready",
}
RUNNING_IDEA = "Samtalsstöd inom en vecka för unga vuxna"
# Address parts that name no object: which part of an assignment, which format, a reset link,
# which kind of record a file is attached to.
NOT_IDS = {"region_slug", "part", "extension", "uidb64", "token", "target"}
# Whose users ask about a region's pages. Blekinge has no funds in the demo, so the national
# agreements are none of Blekinge's business: under its address they are another region's.
OTHER = {"blekinge": "dalarna", "dalarna": "blekinge", "vastra-gotaland": "blekinge"}
# The link of the invitation build() makes (the page of an invitation is public: the invitee
# holds no role yet).
INVITATION_TOKEN = "sealing-walk-invitation-token"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]

    @property
    def in_region(self) -> bool:
        return "region_slug" in self.kwargs

    @property
    def ids(self) -> bool:
        return any(name not in NOT_IDS for name in self.kwargs)


def routes(patterns=None, prefix="", namespace="", kwargs=()):
    """Every named page of the product, from the resolver."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED):
            continue
        names = kwargs + tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from routes(entry.url_patterns, route, inner, names)
        else:
            yield Route(f"{namespace}:{entry.name}" if namespace else str(entry.name), names)


@dataclass(frozen=True)
class Target:
    region: Region
    ids: dict
    post: dict = field(default_factory=dict)


def _of(key: str, *, region=attrgetter("region"), post=None, **ids):
    """Fill a page's ids from the object `key` of the data, each id a function of it."""

    def fill(data: dict) -> Target:
        obj = data[key]
        return Target(region(obj), {name: pick(obj) for name, pick in ids.items()}, post or {})

    return fill


def _first(related: str):
    return lambda obj: attrgetter(related)(obj).first().pk


def _transition(kind):
    return lambda initiative: initiative.stage.outgoing.filter(kind=kind).first().pk


def _public(key, *, region=attrgetter("region"), **ids):
    """Fill a public page's ids: the region's slug (`region`) and the object's ids."""

    def fill(data: dict) -> Target:
        obj = data[key]
        owner = region(obj)
        return Target(owner, {"region": owner.slug} | {n: pick(obj) for n, pick in ids.items()})

    return fill


PK = attrgetter("pk")
PLAN = attrgetter("plan.region")
REQUIREMENT = attrgetter("requirement.region")
INITIATIVE = attrgetter("initiative.region")

# Every page with ids, and how its ids are filled. A page missing here fails the walk by name.
FILL = {
    **dict.fromkeys(
        [
            "initiatives:detail",
            "initiatives:edit_idea",
            "initiatives:registration",
            "initiatives:advice",
            "initiatives:participants",
            "initiatives:criteria",
            "initiatives:preparation",
            "initiatives:proposal",
            "initiatives:comment",
            "learning:similar",
        ],
        _of("drafting", pk=PK),
    ),
    "attachments:upload": _of("drafting", target=lambda _: "satsning", target_pk=PK),
    **dict.fromkeys(["attachments:download", "attachments:remove"], _of("attachment", pk=PK)),
    "initiatives:transition": _of("drafting", pk=PK, transition_pk=_first("stage.outgoing")),
    "initiatives:recommend": _of(
        "recommend", pk=PK, transition_pk=_transition(TransitionKind.RECOMMENDATION)
    ),
    "initiatives:decide": _of("decide", pk=PK, transition_pk=_transition(TransitionKind.DECISION)),
    **dict.fromkeys(
        [
            "initiatives:progress_report",
            "initiatives:adjustment",
            "initiatives:seminar",
            "initiatives:final_evaluation",
            "initiatives:resource_review",
            "initiatives:check_ins",
        ],
        _of("running", pk=PK),
    ),
    "initiatives:correct_decision": _of(
        "decision", region=INITIATIVE, pk=attrgetter("initiative_id"), decision_pk=PK
    ),
    **dict.fromkeys(
        ["initiatives:decision_pdf", "initiatives:decision_docx"],
        _of("decision", region=INITIATIVE, decision_pk=PK),
    ),
    **dict.fromkeys(
        ["initiatives:proposal_pdf", "initiatives:proposal_docx"], _of("drafting", pk=PK)
    ),
    **dict.fromkeys(
        ["initiatives:meeting_proposals_pdf", "initiatives:meeting_proposals_docx"],
        _of("lsvo_meeting", meeting_pk=PK),
    ),
    **dict.fromkeys(
        [
            "initiatives:meeting_detail",
            "initiatives:agenda_add",
            "initiatives:invite",
            "initiatives:invite_for_initiative",
            "initiatives:meeting_notes",
            "initiatives:meeting_ics",
            "initiatives:meeting_change",
            "initiatives:meeting_cancel",
            "initiatives:invite_by_role",
            "initiatives:send_invitations",
            "initiatives:meeting_answer",
            "initiatives:share_minutes",
            "initiatives:member_note",
        ],
        _of("meeting", meeting_pk=PK),
    ),
    "initiatives:name_actors": _of("meeting", meeting_pk=PK, item_pk=_first("agenda")),
    "organisations:organisation_detail": _of("organisation", pk=PK),
    "withholding:initiative": _of("running", pk=PK),
    **dict.fromkeys(["public:initiatives", "public:money"], _public("running")),
    "public:initiative": _public("running", pk=PK),
    "public:agreement": _public("funds", agreement_pk=attrgetter("agreement_id")),
    **dict.fromkeys(["public:plans", "public:documents"], _public("plan")),
    "public:plan": _public("plan", pk=PK),
    # The Word file: made in a tenth of the PDF's time, and each request is rolled back.
    "public:assignment_file": _public("assignment", pk=PK, extension=lambda _: "docx"),
    "public:report_file": _public(
        "compilation", region=REQUIREMENT, pk=PK, extension=lambda _: "xlsx"
    ),
    "organisations_setup:edit": _of("organisation", pk=PK),
    "api_tokens:revoke": _of("api_token", pk=PK),
    "organisations_setup:area": _of("area", region=attrgetter("organisation.region"), pk=PK),
    "accounts:account": _of("account", region=attrgetter("created_in"), pk=PK),
    "accounts:membership": _of("membership", pk=attrgetter("user_id"), membership_pk=PK),
    "accounts:identity_provider": _of("identity_provider", pk=PK),
    **dict.fromkeys(["invitations:withdraw", "invitations:resend"], _of("invitation", pk=PK)),
    **dict.fromkeys(
        ["funds:agreement", "funds:agreement_xlsx", "funds:agreement_csv"],
        _of("funds", agreement_pk=attrgetter("agreement_id")),
    ),
    "funds:allocate": _of("funds", funds_pk=PK),
    "funds:account": _of("share", region=attrgetter("allocation.funds.region"), share_pk=PK),
    **dict.fromkeys(
        ["plans:detail", "plans:adopt", "plans:goal_create", "plans:indicator_create"],
        _of("plan", pk=PK),
    ),
    "plans:goal": _of("goal", region=PLAN, goal_pk=PK),
    "plans:unlink_initiative": _of(
        "goal", region=PLAN, goal_pk=PK, initiative_pk=_first("initiatives")
    ),
    "plans:record_value": _of("indicator", region=PLAN, indicator_pk=PK),
    **dict.fromkeys(
        [
            "assignments:detail",
            "assignments:edit",
            "assignments:add_position",
            "assignments:add_point",
            "assignments:add_reporting_line",
            "assignments:add_milestone",
            "assignments:add_signatory",
            "assignments:adopt",
            "assignments:document_pdf",
            "assignments:document_docx",
        ],
        _of("assignment", pk=PK),
    ),
    "assignments:remove_part": _of(
        "assignment", pk=PK, part=lambda _: "punkt", part_pk=_first("points")
    ),
    "assignments:complete_milestone": _of("assignment", pk=PK, milestone_pk=_first("milestones")),
    **dict.fromkeys(
        [
            "reporting:edit_requirement",
            "reporting:remove_requirement",
            "reporting:compile",
            "reporting:narrative",
            "reporting:recipients",
        ],
        _of("requirement", requirement_pk=PK),
    ),
    **dict.fromkeys(
        ["reporting:report", "reporting:correct"],
        _of(
            "report",
            region=REQUIREMENT,
            requirement_pk=attrgetter("requirement_id"),
            recipient_pk=attrgetter("recipient_id"),
        ),
    ),
    "reporting:version": _of("report", region=REQUIREMENT, report_pk=PK),
    **dict.fromkeys(
        [
            "reporting:compilation",
            "reporting:compilation_status",
            "reporting:publish_compilation",
        ],
        _of("compilation", region=REQUIREMENT, compilation_pk=PK),
    ),
    "reporting:compilation_download": _of(
        "compilation", region=REQUIREMENT, compilation_pk=PK, extension=lambda _: "xlsx"
    ),
    **dict.fromkeys(
        [
            "proposals:detail",
            "proposals:create",
            "proposals:edit",
            "proposals:adopt",
            "proposals:pdf",
            "proposals:docx",
        ],
        _of("proposal", agreement_pk=attrgetter("agreement_id")),
    ),
    "proposals:edit_direction": _of(
        "proposal", agreement_pk=attrgetter("agreement_id"), direction_pk=_first("directions")
    ),
    "opendata:readme": _of("funds", dataset=lambda _: "fordelning"),
    **dict.fromkeys(
        ["opendata:csv", "opendata:json"],
        # Not _of: its own `region` keyword is the target's region, and this id is named so too.
        lambda data: Target(
            data["funds"].region,
            {"region": data["funds"].region.slug, "dataset": "fordelning"},
        ),
    ),
    "reporting:preconditions": _of("precondition", agreement_pk=attrgetter("agreement_id")),
    "reporting:check_preconditions": _of(
        "precondition",
        post={"checks-met": "1"},
        agreement_pk=attrgetter("agreement_id"),
    ),
}


def build() -> dict:
    """On the demo (built already): a recommendation recorded (so an initiative awaits its
    decision) and the county report compiled and published; a user with every role in each
    demo region; and the targets of every page in FILL, or why they could not be filled."""
    deciding = Initiative.objects.get(region__slug="dalarna", stage__key="rekommendation")
    initiatives.record_recommendation(
        deciding,
        deciding.stage.outgoing.get(outcome="recommend"),
        actor=User.objects.get(username="dalarna-lsvo"),
        rationale="Väl underbyggd.",
        meeting_date=deciding.created_at.date(),
    )
    requirement = Requirement.objects.get(region__slug="dalarna")
    with override_settings(TASKS=IMMEDIATE):
        compilation = request_compilation(requirement, actor=None)
    publish_compilation(compilation, actor=None)
    everyone = {}
    for region in Region.objects.filter(slug__in=OTHER):
        user = create_user(f"{region.slug}-alla-roller", actor=None, password="x")
        regional = region.organisations.get(kind="region")
        for role in Role:
            grant_role(user, region, regional, role, actor=None)
        everyone[region.slug] = user
    blekinge = Initiative.objects.filter(region__slug="blekinge").select_related("region")
    # The demo's running idea; the library's running initiatives have no meetings or reports.
    running = blekinge.get(stage__key="genomforande", title=RUNNING_IDEA)
    goal = Goal.objects.filter(initiatives__isnull=False).select_related("plan__region").first()
    data = {
        "drafting": blekinge.get(stage__key="underlag"),
        "running": running,
        "decision": running.decisions.select_related("initiative__region").first(),
        "recommend": blekinge.get(stage__key="rekommendation"),
        "decide": Initiative.objects.select_related("region").get(pk=deciding.pk),
        "meeting": Meeting.objects.filter(region__slug="blekinge", agenda__isnull=False).first(),
        "lsvo_meeting": Meeting.objects.get(region__slug="blekinge", kind="lsvo"),
        "organisation": Region.objects.get(slug="blekinge").organisations.get(name="Karlskrona"),
        "share": Share.objects.filter(allocation__funds__region__slug="dalarna").first(),
        "goal": goal,
        "plan": goal.plan,
        "indicator": Indicator.objects.filter(plan=goal.plan).first(),
        "assignment": Assignment.objects.filter(points__isnull=False, milestones__isnull=False)
        .distinct()
        .first(),
        "requirement": requirement,
        "report": Report.objects.filter(status=ReportStatus.SUBMITTED).first(),
        "compilation": compilation,
        "precondition": Precondition.objects.first(),
        "proposal": Proposal.objects.select_related("region").get(
            region__slug="dalarna", agreement__name="ÖK 2020"
        ),
    }
    # The owner is invited to the meeting, so has an invitation to answer.
    data["meeting"].invitations.create(role="other", user=everyone["blekinge"])
    data["funds"] = data["share"].allocation.funds
    data["attachment"] = upload_attachment(
        data["drafting"],
        SimpleUploadedFile("protokoll.pdf", b"%PDF-1.7\n%%EOF\n"),
        kind="other",
        actor=everyone["blekinge"],
    )
    # An account of Dalarna alone, with a role there (the region's administration pages).
    data["account"] = create_user("dalarna-konto", actor=None, created_in=data["funds"].region)
    data["membership"] = grant_role(
        data["account"],
        data["account"].created_in,
        data["account"].created_in.organisations.get(kind="region"),
        Role.ANALYST,
        actor=None,
    )
    data["area"] = OperationArea.objects.filter(organisation__region__slug="blekinge").first()
    data["identity_provider"] = add_identity_provider(
        data["funds"].region,
        actor=None,
        name="Dalarnas inloggning",
        slug="dalarna-sealing",
        protocol=IdentityProvider.Protocol.OPENID_CONNECT,
        server_url="https://login.example/dalarna/v2.0",
        client_id="pusselbit",
        client_secret="hemligt",
    )
    data["invitation"] = invite_person(
        data["organisation"].region,
        actor=None,
        email="inbjuden@example.org",
        organisation=data["organisation"],
        role=Role.ANALYST,
    )
    RoleInvitation.objects.filter(pk=data["invitation"].pk).update(
        token_hash=RoleInvitation.hash_token(INVITATION_TOKEN)
    )
    data["api_token"] = make_api_token(
        data["account"].created_in, actor=data["account"], name="Export", access="read"
    )[0]
    targets, unfilled = {}, {}
    for name, fill in FILL.items():
        try:
            targets[name] = fill(data)
        except (AttributeError, KeyError, ObjectDoesNotExist) as error:
            unfilled[name] = f"{type(error).__name__}: {error}"
    return {"everyone": everyone, "targets": targets, "unfilled": unfilled}
