"""Pusselbit's REST API, version 1, at /api/v1/, following DIGG's national REST API profile
(REST API-profil): /{api}/v{major}/{resource} with lower-case kebab-case resources, an
/api-info resource, an OpenAPI 3.1 description at /api/v1/openapi.json with Swedish and English
text, contact and licence, JSON with camelCase names, RFC 3339 dates, errors as
application/problem+json, and lists paged with `limit` and `offset`.

Built with django-ninja: it makes the OpenAPI 3.1 description from the same type hints that
validate each request (pydantic), so the description cannot drift from what the API does, and
it sits on Django's own views, middleware and URL routing (the region scoping, the language, the
security headers all apply unchanged). Django REST framework would need a second library for
OpenAPI 3.1 and its serializers duplicate what pydantic gives here."""

import datetime
import functools
import inspect

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import problems, schemas
from .endpoints import internal, public

VERSION = "1.0.0"
RELEASED = datetime.date(2026, 12, 1)

DESCRIPTION = """\
**Svenska.** Pusselbits API ger de offentliga uppgifterna om regionernas utvecklingsarbete för
psykisk hälsa: beslutade satsningar, fördelning av stimulansmedel, rekvisitioner, återbetalningar
och handlingsplanernas indikatorvärden. De offentliga resurserna kräver ingen nyckel och får
fritt återanvändas (CC0). En regions egna användare kan med en API-nyckel (skapas under
*API-nycklar* i regionen) läsa regionens interna uppgifter och, med en nyckel för skrivning,
registrera indikatorvärden, med samma behörigheter som på sidorna.

Begränsningar: listor ges sidvis med `limit` (högst 100, 20 om inget anges) och `offset`;
sekretessbelagda satsningar ger status 451 med skälet; svaren på de offentliga resurserna får
lagras i fem minuter.

**English.** Pusselbit's API gives the public records of the regions' mental-health development
work: decided initiatives, the allocation of state stimulus funds, requisitions, repayments and
the action plans' indicator values. The public resources need no key and may be reused freely
(CC0). A region's own users can, with an API token (made under *API tokens* in the region), read
the region's internal data and, with a read-and-write token, record indicator values, with the
same permissions as on the pages.

Limitations: lists come in pages with `limit` (at most 100, 20 if not given) and `offset`;
withheld initiatives answer 451 with the reason; the public resources' answers may be cached
for five minutes.
"""


def known_parameters_only(run):
    """Refuse a query parameter the operation does not take (a misspelt `limt`, say) with a
    problem naming it, rather than ignoring it and answering as if it were not there. Applied
    before validation to every operation; the operation's own parameter models say what it
    takes."""
    operation = inspect.unwrap(run).__self__
    known = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            known |= set(model.__ninja_flatten_map__)

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            return problems.problem(
                request,
                400,
                _("Invalid request"),
                _("See invalidParams."),
                invalidParams=[
                    {"name": name, "reason": _("The resource takes no such parameter.")}
                    for name in unknown
                ],
            )
        return run(request, *args, **kwargs)

    return checked


class Utf8Renderer(JSONRenderer):
    # "Dalarnas län", not "Dalarnas l\\u00e4n": JSON is UTF-8 (RFC 8259), and so are the answers.
    json_dumps_params = {"ensure_ascii": False}


class PusselbitApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """ninja names every response application/json; the errors are problem documents."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {
                            problems.CONTENT_TYPE: content.pop("application/json")
                        }
        return schema


api = PusselbitApi(
    title="Pusselbit",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=Utf8Renderer(),
    docs_url=None,
    openapi_extra={
        "info": {
            "termsOfService": "https://creativecommons.org/publicdomain/zero/1.0/",
            "contact": {
                "name": "Pusselbit",
                "email": settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">"),
            },
            "license": {
                "name": "CC0 1.0",
                "identifier": "CC0-1.0",
            },
        },
    },
)
problems.install(api)
api.add_decorator(known_parameters_only, mode="view")
api.add_router("", public.router)
api.add_router("/internal", internal.router)


@api.get(
    "/api-info",
    response=schemas.ApiInfo,
    by_alias=True,
    tags=["info"],
    summary="About the API / Om API:et",
    description="The API's name, version, release date, description and status (DIGG). / "
    "API:ets namn, version, utgivningsdatum, beskrivning och status.",
)
def api_info(request):
    return {
        "api_name": "Pusselbit",
        "api_version": VERSION,
        "api_released": RELEASED,
        "api_documentation": request.build_absolute_uri(reverse("api:openapi-json")),
        "api_status": "active",
    }
