"""Region sealing, walked over every page of the product. The URL patterns come from the resolver,
so a new page cannot slip through untested: its object ids must be filled in below (the walk
fails naming it until they are). Each page is asked, with GET and with an empty POST, by

- anonymous, who is sent to the login (but on the public pages);
- a user of another region holding every role there: every page of the region is a 404, and so
  is every object of the region under the address of the user's own region;
- a member of another region without a role for the page (the communicator): the region's
  objects under the member's own region's address are a 404 too, never a 403 that tells they
  exist;
- the owner, holding every role in the objects' region, who finds every object filled in, so
  the walk is known to ask about objects that exist.

No page answers 5xx. A 405 is accepted only where the owner gets a 405 for the same method too:
the page takes only the other method, whoever asks. The admin has its own test; the language
switch and static files are no region's pages."""

from contextlib import ExitStack
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse

from pusselbit.accounts.domain import create_user, grant_role
from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import User
from pusselbit.assignments.models import Assignment
from pusselbit.demo.builders import build_demo
from pusselbit.funds.models import Share
from pusselbit.initiatives import domain as initiatives
from pusselbit.initiatives.enums import TransitionKind
from pusselbit.initiatives.models import Initiative, Meeting
from pusselbit.organisations.models import Region
from pusselbit.plans.models import Goal, Indicator
from pusselbit.reporting.domain.compilations import request_compilation
from pusselbit.reporting.models import Precondition, Report, ReportStatus, Requirement

pytestmark = pytest.mark.django_db

SKIPPED = ("admin/", "i18n/", settings.STATIC_URL.lstrip("/"))
PUBLIC = {
    "core:accessibility",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Address parts that name no object: which part of an assignment, which format, a reset link.
NOT_IDS = {"region_slug", "part", "extension", "uidb64", "token"}
# Whose users ask about a region's pages. Blekinge has no funds in the demo, so the national
# agreements are none of Blekinge's business: under its address they are another region's.
OTHER = {"blekinge": "dalarna", "dalarna": "blekinge", "vastra-gotaland": "blekinge"}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


ROUTES = list(routes())


@dataclass(frozen=True)
class Target:
    region: Region
    ids: dict
    post: dict = field(default_factory=dict)


def targets(w: dict) -> dict[str, Target]:
    """The objects each page is asked about, all of one region per page."""
    table = {}

    def add(region, names, post=None, **ids):
        for name in names.split():
            table[name] = Target(region, ids, post or {})

    drafting, running = w["drafting"], w["running"]
    add(
        drafting.region,
        "initiatives:detail initiatives:edit_idea initiatives:registration"
        " initiatives:participants initiatives:criteria initiatives:preparation"
        " initiatives:proposal initiatives:add_measure initiatives:add_budget_line",
        pk=drafting.pk,
    )
    add(
        drafting.region,
        "initiatives:remove_measure",
        pk=drafting.pk,
        measure_pk=drafting.proposal.measures.first().pk,
    )
    add(
        drafting.region,
        "initiatives:remove_budget_line",
        pk=drafting.pk,
        line_pk=drafting.proposal.budget_lines.first().pk,
    )
    add(
        drafting.region,
        "initiatives:transition",
        pk=drafting.pk,
        transition_pk=drafting.stage.outgoing.first().pk,
    )
    for kind, name in [
        (TransitionKind.RECOMMENDATION, "recommend"),
        (TransitionKind.DECISION, "decide"),
    ]:
        initiative = w[name]
        via = initiative.stage.outgoing.filter(kind=kind).first()
        add(initiative.region, f"initiatives:{name}", pk=initiative.pk, transition_pk=via.pk)
    add(
        running.region,
        "initiatives:follow_up initiatives:adjustment initiatives:seminar"
        " initiatives:final_evaluation initiatives:resource_review initiatives:check_ins",
        pk=running.pk,
    )
    add(
        running.region,
        "initiatives:remove_participant",
        pk=running.pk,
        participant_pk=running.participants.first().pk,
    )
    decision = running.decisions.get()
    add(running.region, "initiatives:correct_decision", pk=running.pk, decision_pk=decision.pk)
    add(running.region, "documents:decision_pdf documents:decision_docx", decision_pk=decision.pk)
    meeting = w["meeting"]
    add(
        meeting.region,
        "initiatives:meeting_detail initiatives:agenda_add initiatives:invite"
        " initiatives:invite_for_initiative initiatives:meeting_notes initiatives:meeting_ics",
        meeting_pk=meeting.pk,
    )
    add(
        meeting.region,
        "initiatives:name_actors",
        meeting_pk=meeting.pk,
        item_pk=meeting.agenda.first().pk,
    )
    organisation = w["organisation"]
    add(organisation.region, "organisations:organisation_detail", pk=organisation.pk)

    share = w["share"]
    funds = share.allocation.funds
    add(
        funds.region,
        "funds:agreement funds:agreement_xlsx funds:agreement_csv",
        agreement_pk=funds.agreement_id,
    )
    add(funds.region, "funds:allocate", funds_pk=funds.pk)
    add(funds.region, "funds:account", share_pk=share.pk)

    goal, indicator = w["goal"], w["indicator"]
    plan = goal.plan
    add(plan.region, "plans:detail plans:goal_create plans:indicator_create", pk=plan.pk)
    add(plan.region, "plans:goal", goal_pk=goal.pk)
    add(
        plan.region,
        "plans:unlink_initiative",
        goal_pk=goal.pk,
        initiative_pk=goal.initiatives.first().pk,
    )
    add(plan.region, "plans:record_value", indicator_pk=indicator.pk)
    assignment = w["assignment"]
    add(
        assignment.region,
        "assignments:detail assignments:edit assignments:add_position"
        " assignments:add_point assignments:add_reporting_line assignments:add_milestone"
        " assignments:add_signatory assignments:adopt documents:assignment_pdf"
        " documents:assignment_docx",
        pk=assignment.pk,
    )
    add(
        assignment.region,
        "assignments:remove_part",
        pk=assignment.pk,
        part="punkt",
        part_pk=assignment.points.first().pk,
    )
    add(
        assignment.region,
        "assignments:complete_milestone",
        pk=assignment.pk,
        milestone_pk=assignment.milestones.first().pk,
    )

    report, compilation, precondition = w["report"], w["compilation"], w["precondition"]
    requirement = report.requirement
    region = requirement.region
    add(
        region,
        "reporting:edit_requirement reporting:remove_requirement reporting:compile",
        requirement_pk=requirement.pk,
    )
    add(
        region,
        "reporting:report reporting:correct",
        requirement_pk=requirement.pk,
        recipient_pk=report.recipient_id,
    )
    add(region, "reporting:version", report_pk=report.pk)
    add(region, "reporting:compilation reporting:compilation_status", compilation_pk=compilation.pk)
    add(region, "reporting:compilation_download", compilation_pk=compilation.pk, extension="xlsx")
    add(region, "reporting:preconditions", agreement_pk=precondition.agreement_id)
    add(
        region,
        "reporting:check_precondition",
        post={"met": "1"},
        agreement_pk=precondition.agreement_id,
        precondition_pk=precondition.pk,
        recipient_pk=report.recipient_id,
    )
    return table


def _world() -> dict:
    """The demo, with a recommendation recorded (so an initiative awaits its decision) and the
    county report compiled; one user with every role in each demo region."""
    build_demo()
    blekinge = Initiative.objects.filter(region__slug="blekinge").select_related("region")
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
    everyone = {}
    for region in Region.objects.filter(slug__in=OTHER):
        user = create_user(f"{region.slug}-alla-roller", actor=None, password="x")
        regional = region.organisations.get(kind="region")
        for role in Role:
            grant_role(user, region, regional, role, actor=None)
        everyone[region.slug] = user
    return {
        "everyone": everyone,
        "drafting": blekinge.get(stage__key="underlag"),
        "running": blekinge.get(stage__key="genomforande"),
        "recommend": blekinge.get(stage__key="rekommendation"),
        "decide": Initiative.objects.get(pk=deciding.pk),
        "meeting": Meeting.objects.filter(region__slug="blekinge", agenda__isnull=False).first(),
        "organisation": Region.objects.get(slug="blekinge").organisations.get(name="Karlskrona"),
        "share": Share.objects.filter(allocation__funds__region__slug="dalarna").first(),
        "goal": Goal.objects.filter(initiatives__isnull=False).distinct().get(),
        "indicator": Indicator.objects.get(),
        "assignment": Assignment.objects.filter(points__isnull=False).distinct().get(),
        "report": Report.objects.filter(status=ReportStatus.SUBMITTED).first(),
        "compilation": compilation,
        "precondition": Precondition.objects.first(),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back after it, so the other
    modules' tests never see it; each test runs in a savepoint within it."""
    with ExitStack() as stack:
        with django_db_blocker.unblock():
            stack.enter_context(transaction.atomic())
            with override_settings(PASSWORD_HASHERS=FAST_HASHER):
                built = _world()
                built["targets"] = targets(built)
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            stack.close()


def _url(route: Route, target: Target | None, slug: str) -> str:
    kwargs = {"region_slug": slug} if route.in_region else {}
    if route.name == "password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "no-such-token"}
    return reverse(route.name, kwargs=kwargs | (target.ids if target else {}))


CLIENTS: dict = {}


@pytest.fixture(autouse=True)
def _fresh_clients():
    """A session is rolled back with the test that signed in: each test signs in anew."""
    CLIENTS.clear()


def _client(user) -> Client:
    """A client signed in as `user` (anonymous for None), one per user for the whole walk."""
    if user not in CLIENTS:
        CLIENTS[user] = Client(raise_request_exception=False)
        if user is not None:
            CLIENTS[user].force_login(user)
    return CLIENTS[user]


def _ask(user, method: str, url: str, post: dict):
    """One request, its effects rolled back so every request finds the same data."""
    client = _client(user)
    with transaction.atomic():
        response = client.post(url, post) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response


def _target(world, route: Route) -> Target | None:
    """The page's objects (None for a page with no ids); the region of a page without ids is
    Blekinge."""
    if not route.ids:
        return Target(Region.objects.get(slug="blekinge"), {}) if route.in_region else None
    return world["targets"].get(route.name)


def _walk(world, who, expect, *, routes, slug_of) -> list[str]:
    """Ask every route as `who(target)` with both methods; what `expect` refuses, listed."""
    problems = []
    for route in routes:
        target = _target(world, route)
        if route.ids and target is None:
            problems.append(f"{route.name}: no objects to fill its ids with; add it to targets()")
            continue
        url = _url(route, target, slug_of(target))
        for method in ("GET", "POST"):
            response = _ask(who(target), method, url, target.post if target else {})
            if response.status_code >= 500 or not expect(response):
                if response.status_code == 405 and _refused_by_design(world, route, method):
                    continue
                problems.append(f"{route.name} {method} {url} → {response.status_code}")
    return problems


def _refused_by_design(world, route: Route, method: str) -> bool:
    """The owner gets a 405 too: the page takes only the other method."""
    target = _target(world, route)
    owner = world["everyone"][target.region.slug] if target else None
    url = _url(route, target, target.region.slug if target else "")
    return _ask(owner, method, url, target.post if target else {}).status_code == 405


def _not_found(response) -> bool:
    return response.status_code == 404


def test_every_page_sends_anonymous_to_login_but_the_public_ones(world):
    login = resolve_url(settings.LOGIN_URL)
    private = [route for route in ROUTES if route.name not in PUBLIC]
    public = [route for route in ROUTES if route.name in PUBLIC]
    assert {route.name for route in public} == PUBLIC

    def to_login(response):
        return response.status_code == 302 and response["Location"].startswith(f"{login}?next=")

    def served(response):
        return response.status_code < 400

    slug = lambda target: target.region.slug if target else ""  # noqa: E731
    problems = _walk(world, lambda target: None, to_login, routes=private, slug_of=slug)
    problems += _walk(world, lambda target: None, served, routes=public, slug_of=slug)
    assert not problems, "\n".join(problems)


def test_every_page_of_a_region_is_404_to_a_user_of_another_region(world):
    problems = _walk(
        world,
        lambda target: world["everyone"][OTHER[target.region.slug]],
        _not_found,
        routes=[route for route in ROUTES if route.in_region],
        slug_of=lambda target: target.region.slug,
    )
    assert not problems, "\n".join(problems)


def test_every_object_of_a_region_is_404_under_the_address_of_another_region(world):
    problems = _walk(
        world,
        lambda target: world["everyone"][OTHER[target.region.slug]],
        _not_found,
        routes=[route for route in ROUTES if route.in_region and route.ids],
        slug_of=lambda target: OTHER[target.region.slug],
    )
    assert not problems, "\n".join(problems)


def test_every_object_of_a_region_is_404_not_403_to_a_member_without_the_role(world):
    def communicator(target):
        return User.objects.get(username=f"{OTHER[target.region.slug]}-kommunikator")

    problems = _walk(
        world,
        communicator,
        _not_found,
        routes=[route for route in ROUTES if route.in_region and route.ids],
        slug_of=lambda target: OTHER[target.region.slug],
    )
    assert not problems, "\n".join(problems)


def test_every_page_with_ids_finds_its_objects_for_the_owner(world, settings):
    """The walks above ask about objects that exist: their owner is served every page, by the
    one method a POST-only page takes, and no empty form is a server error."""
    settings.TASKS = QUEUED  # the county report is only asked for; compiling is tested elsewhere
    with_ids = [route for route in ROUTES if route.ids]
    problems = [
        f"{route.name}: no objects to fill its ids with; add it to targets()"
        for route in with_ids
        if route.name not in world["targets"]
    ]
    assert not problems, "\n".join(problems)
    assert set(world["targets"]) <= {route.name for route in with_ids}, "stale targets()"
    for route in with_ids:
        target = world["targets"][route.name]
        owner = world["everyone"][target.region.slug]
        url = _url(route, target, target.region.slug)
        answer = _ask(owner, "GET", url, {})
        statuses = {"GET": answer.status_code}
        if "Content-Disposition" not in answer:  # a download takes no form
            statuses["POST"] = _ask(owner, "POST", url, target.post).status_code
        codes = statuses.values()
        if min(codes) >= 400 or max(codes) >= 500 or 404 in codes:
            problems.append(f"{route.name} {url} → {statuses}")
    assert not problems, "\n".join(problems)
