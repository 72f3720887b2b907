import pytest
from django.http import HttpRequest
from django.test import Client

from tests.factories import MembershipFactory, RegionFactory


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


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, built once for the module that asks for it inside a transaction rolled back
    after the module, so no other module sees it; each test (asking for `db` as well) runs in a
    savepoint within it. Building the demo takes seconds, on PostgreSQL more."""
    from contextlib import ExitStack

    from django.db import transaction
    from django.test.utils import override_settings

    from pusselbit.demo.builders import build_demo

    with ExitStack() as stack:
        with django_db_blocker.unblock():
            stack.enter_context(transaction.atomic())
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                build_demo()
        yield
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            stack.close()
