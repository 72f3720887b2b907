"""Schemathesis, from PyPI, reads the API's own OpenAPI description and sends what it allows and
what it does not, to every operation, against the demo: no answer may be a server error or
break the description (status, content type, body, headers). The internal operations are called
with a read-and-write token of an analyst, so they get past the token to the code behind."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from pusselbit.api.api import api
from pusselbit.api.domain import hash_key
from pusselbit.api.models import ApiToken
from pusselbit.wsgi import application

from .conftest import token_for

# The description as /api/v1/openapi.json serves it (test_public_api reads it there), made here
# at import: schemathesis's lazy loading from a fixture does not work with pytest 9.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


# The key of the token each test makes (fixed, as schemathesis asks for it while collecting).
KEY = "pb_schemathesis-key-of-dalarnas-analyst"


@pytest.fixture(autouse=True)
def _requests_keep_the_tests_connection():
    """Schemathesis calls the WSGI application itself, whose request signals close a database
    connection not in autocommit, as the test's transaction is: on PostgreSQL that ended the
    shared demo's transaction for every later test. Django's test client disconnects them the
    same way around each of its requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(demo_once, db):
    """A read-and-write token of Dalarna's analyst whose key is KEY."""
    made, _key = token_for("dalarna-analytiker", access="read_write")
    ApiToken.objects.filter(pk=made.pk).update(key_hash=hash_key(KEY))
    return made


@schema.auth()
class Token:
    """Given through schemathesis's auth, not by overwriting the headers: a case that tests a
    missing or malformed Authorization keeps it."""

    def get(self, case, context):
        return KEY

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_description(case, token):
    case.call_and_validate()
