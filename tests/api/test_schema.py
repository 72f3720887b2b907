"""Schemathesis, from PyPI, reads the API's own OpenAPI description and sends what it allows and
what it does not, to every operation, against the demo: no answer may be a server error or
break the description (status, content type, body, headers). The internal operations are called
with a read-and-write token of an analyst, so they get past the token to the code behind."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from pusselbit.api.api import api
from pusselbit.wsgi import application

from .conftest import token_for


@pytest.fixture
def key(demo_once, db):
    return token_for("dalarna-analytiker", access="read_write")[1]


# The description as /api/v1/openapi.json serves it (test_public_api reads it there), made here
# at import: schemathesis's lazy loading from a fixture does not work with pytest 9.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_description(case, key):
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"})
