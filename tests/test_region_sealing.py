"""Region sealing, walked over every page of the product. The URL patterns come from the
resolver, so a new page cannot slip through untested: its object ids must be filled in
(tests/sealing.py, FILL), and the walk fails naming it until they are. Each page is asked, with
GET and with an empty POST, by

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

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from pusselbit.accounts.models import User
from pusselbit.organisations.models import Region
from tests.sealing import INVITATION_TOKEN, OTHER, PUBLIC, Route, Target, build, routes

pytestmark = pytest.mark.django_db

ROUTES = list(routes())
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def world(demo_once, django_db_blocker):
    """Built on the shared demo once for the module, inside a savepoint rolled back after it, so
    the other modules' tests never see it; each test runs in a savepoint within it."""
    with ExitStack() as stack:
        with django_db_blocker.unblock():
            stack.enter_context(transaction.atomic())
            # Built before any test's own scopes_disabled (tests/conftest.py) is entered.
            with override_settings(PASSWORD_HASHERS=FAST_HASHER), scopes_disabled():
                built = build()
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            stack.close()


def _url(route: Route, target: Target | None, slug: str) -> str:
    kwargs = {"region_slug": slug} if route.in_region else {}
    if route.name == "password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "no-such-token"}
    if route.name == "accept_invitation":
        kwargs = {"token": INVITATION_TOKEN}
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


def _unfilled(world, route: Route) -> str:
    why = world["unfilled"].get(route.name, "it is not in tests.sealing.FILL")
    return f"{route.name}: no objects to fill its ids with ({why})"


def _walk(world, who, expect, *, routes, slug_of) -> list[str]:
    """Ask every route as `who(target)` with both methods; what `expect` refuses, listed."""
    problems = []
    for route in routes:
        target = _target(world, route)
        if route.ids and target is None:
            problems.append(_unfilled(world, route))
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
    problems = [_unfilled(world, route) for route in with_ids if route.name not in world["targets"]]
    assert not problems, "\n".join(problems)
    stale = set(world["targets"]) - {route.name for route in with_ids}
    assert not stale, f"tests.sealing.FILL names pages that are gone: {stale}"
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
