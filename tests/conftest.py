import gc

import pytest
from django.http import HttpRequest
from django.test import Client

from tests.factories import MembershipFactory, RegionFactory

# The identity providers the sign-in tests run on 127.0.0.1 (started only by a test that asks).
pytest_plugins = ["tests.identity_providers"]


def pytest_configure(config):
    # Fewer collections of the youngest objects: a request makes tens of thousands of them.
    gc.set_threshold(2000, 10, 10)


@pytest.fixture(scope="module", autouse=True)
def _collector_spares_what_came_before():
    """What lives when a test module starts (Django's caches, compiled templates, WeasyPrint,
    the shared demo's rows) is kept out of the garbage collector's reach: each full collection
    walked all of it again, 15 s of the suite's CPU. What a module leaves frozen behind, the run
    keeps (a few hundred MB in all), as the process ends with the run."""
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def _attachments_in_memory():
    """Attached files, and the compiled reports and published documents kept in the same
    storage, are kept in memory for the whole run (one storage, so a file attached by a
    module's shared data is there for its tests), never under the checkout's var/."""
    from django.conf import settings
    from django.test import override_settings

    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "attachments": memory}):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Real hashing costs ~0.15 s a user; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class SignInClient(Client):
    """Django's test client, whose `login()` works with django-axes: axes checks every
    authentication against its lockout and needs a request for that, which `login()` lacks."""

    def login(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)


@pytest.fixture
def client():
    return SignInClient()


@pytest.fixture
def blekinge(db):
    return RegionFactory(
        code="10", name="Region Blekinge", county_name="Blekinge län", slug="blekinge"
    )


@pytest.fixture
def dalarna(db):
    return RegionFactory(
        code="20", name="Region Dalarna", county_name="Dalarnas län", slug="dalarna"
    )


@pytest.fixture
def alice(blekinge):
    """A county coordinator in Blekinge: the owner of Blekinge's pages."""
    return MembershipFactory(
        region=blekinge, role="county_coordinator", user__username="alice"
    ).user


@pytest.fixture
def bob(blekinge):
    """A colleague in Blekinge with another role."""
    return MembershipFactory(region=blekinge, role="initiator", user__username="bob").user


@pytest.fixture
def charlie(dalarna):
    """A county coordinator in Dalarna, who must see nothing of Blekinge."""
    return MembershipFactory(
        region=dalarna, role="county_coordinator", user__username="charlie"
    ).user


@pytest.fixture(autouse=True)
def _scopes_disabled(request):
    """Each test body may query every region (pretalx does the same), as the arrange and assert
    steps need; a request through the test client still runs in its region scope, because the
    middleware's `scope()` enables scoping again. Tests of the scoping itself are marked
    `scoped` and run with scoping on."""
    from django_scopes import scopes_disabled

    if request.node.get_closest_marker("scoped"):
        yield
        return
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _swedish_to_begin_with():
    """Every test starts in the default language, whatever the one before it switched to."""
    from django.utils import translation

    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run in the request, as without a worker; tests that need the queue say so."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _meanings_read_fresh(settings):
    """Each comparison by meaning asks the database whether the vectors changed: a test's rows
    are rolled back after it, which a process's few seconds of trust would not notice. The
    wait itself is tested in tests/learning/test_search.py."""
    settings.PUSSELBIT_SIMILAR_RECHECK_SECONDS = 0


@pytest.fixture
def mail_server(settings):
    """Mail goes over SMTP to a real server on 127.0.0.1, which is down until the test starts
    it (`mail_server.start()`)."""
    from tests.mailserver import MailServer

    server = MailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield server
    server.stop()


class _SharedDemo:
    """The demo, built once for the whole run inside a transaction that is rolled back when the
    last test that reads it is done, so no other test sees it; each of those tests (asking for
    `db` as well) runs in a savepoint within it. Building the demo takes seconds (on PostgreSQL
    more), and about a hundred tests read it.

    The readers run one after the other (`pytest_collection_modifyitems` below groups them), so
    the transaction is open only while they run: a test after them that flushes the database
    (`transactional_db`, `live_server`) or expects it empty never finds it open."""

    def __init__(self):
        self.blocker = None
        self.stack = None

    def open(self, blocker):
        from contextlib import ExitStack

        from django.db import transaction
        from django.test.utils import override_settings

        from pusselbit.demo.builders import build_demo

        self.blocker, self.stack = blocker, ExitStack()
        with blocker.unblock():
            self.stack.enter_context(transaction.atomic())
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                build_demo()

    def close(self):
        from django.db import transaction

        if self.stack is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.stack.close()
        self.stack = None


_shared_demo = _SharedDemo()


@pytest.fixture(scope="session")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, for a test that reads it (and may write: its writes are rolled back with it)."""
    _shared_demo.open(django_db_blocker)
    yield
    _shared_demo.close()


def _reads_the_demo(item) -> bool:
    return "demo_once" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The demo's readers run together, where the first of them would run: after
    pytest-django's ordering, which puts every test that flushes the database after the ones
    that run in a transaction."""
    readers = [item for item in items if _reads_the_demo(item)]
    for item in readers:
        marker = item.get_closest_marker("django_db")
        flushes = {"transactional_db", "live_server"} & set(item.fixturenames) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if flushes:
            raise pytest.UsageError(
                f"{item.nodeid} flushes the database, so it cannot read the shared demo "
                "(demo_once): build what it needs in the test."
            )
    if readers:
        first = items.index(readers[0])
        others = [item for item in items if not _reads_the_demo(item)]
        items[:] = others[:first] + readers + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # Only when a reader is run apart from the others (the grouping keeps them together): the
    # demo closed after the previous group is built again, before the test's own savepoint.
    if _reads_the_demo(item) and _shared_demo.stack is None and _shared_demo.blocker:
        _shared_demo.open(_shared_demo.blocker)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        if nextitem is None or not _reads_the_demo(nextitem):
            _shared_demo.close()
