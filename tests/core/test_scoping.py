"""Region scoping fails closed (pusselbit.core.scoping): every region-owned model is scoped, a
query outside a scope raises, and within one region's scope another's rows are not there."""

from collections import deque

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.test import RequestFactory
from django.urls import resolve
from django_scopes import ScopeError, scope, scopes_disabled
from django_scopes.state import get_scope

from pusselbit.accounts.middleware import RegionScopeMiddleware
from pusselbit.accounts.models import Membership, User
from pusselbit.accounts.rules import remember_roles
from pusselbit.core.scoping import is_region_scoped
from pusselbit.initiatives.models import Initiative, Participant
from pusselbit.organisations.models import Organisation, Region
from pusselbit.organisations.queries import object_in_region

# Models with a way to a region that are not scoped, and why. A new model with a region and
# no ScopedManager fails test_every_region_owned_model_is_scoped until it is scoped or named
# here.
UNSCOPED = {
    "accounts.User": "an account may work in several regions and signs in before any scope",
    "accounts.Membership": "a user's roles are read to find the regions of their scope",
    "organisations.AssociationMembership": "links municipalities across regions (Kungsbacka "
    "in GR); read through a scoped organisation",
    "organisations.OperationArea": "follows its organisation, which may serve another region "
    "through an association",
    "organisations.PopulationFigure": "public statistics (SCB), read across regions for an "
    "association's members",
    "reporting.QuestionSet": "a national set (no region) serves every region; a region's own "
    "is read through QuestionSet.objects.for_region",
    "reporting.Section": "part of a question set",
    "reporting.Question": "part of a question set",
}


def _paths_to_region(model) -> list[str]:
    """The paths of foreign keys from `model` to Region, not through an unscoped model."""
    paths, queue, seen = [], deque([(model, "")]), {model}
    while queue:
        current, prefix = queue.popleft()
        for field in current._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            target, path = field.related_model, f"{prefix}{field.name}"
            if target is Region:
                paths.append(path)
            elif target not in seen and target._meta.label not in UNSCOPED:
                seen.add(target)
                queue.append((target, f"{path}__"))
    return paths


def _project_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("pusselbit.") and model is not Region
    ]


SCOPED = [model for model in _project_models() if is_region_scoped(model)]


def test_every_region_owned_model_is_scoped():
    owned = {model._meta.label for model in _project_models() if _paths_to_region(model)}
    scoped = {model._meta.label for model in SCOPED}
    assert owned - scoped - set(UNSCOPED) == set()
    # The exceptions are real ones: each has a way to a region and no scope.
    assert set(UNSCOPED) & scoped == set()


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_a_scoped_model_leads_to_its_region(model):
    path = model._default_manager.region_path
    assert path in _paths_to_region(model)
    # The scope's filter is the row's own region or a few joins up to it, on every query and
    # every related manager of the model. The longest, three, is a spending's: share,
    # allocation, funds (its initiative may be none).
    assert path.count("__") <= 3


@pytest.mark.scoped
@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_a_query_outside_a_scope_raises(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()
    with pytest.raises(ScopeError):
        model.objects.count()


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_a_region_sees_only_its_own_rows(demo_once, db, model):
    path = model._default_manager.region_path
    dalarna = Region.objects.get(slug="dalarna")
    own = set(model.objects.filter(**{path: dalarna}).values_list("pk", flat=True))
    with scope(region=dalarna.pk):
        seen = set(model.objects.values_list("pk", flat=True))
    if model is Organisation:
        # Organisations that act in the region through an association are seen as well.
        own |= {o.pk for o in Organisation.objects.all() if o.serves_region(dalarna)}
    assert seen == own


@pytest.mark.scoped
def test_related_managers_keep_to_the_scope(demo_once, db):
    with scopes_disabled():
        dalarna = Region.objects.get(slug="dalarna")
        other = Initiative.objects.exclude(region=dalarna).filter(participants__isnull=False)
        initiative = other.first()
        assert initiative.participants.exists()
    with scope(region=dalarna.pk):
        assert list(initiative.participants.all()) == []
        assert list(initiative.region.initiatives.all()) == []
        assert not Participant.objects.filter(initiative=initiative).exists()


def _through_middleware(user, path, view):
    """Run `view` for `path` the way a request runs it: within the middleware's scope."""
    request = RequestFactory().get(path)
    request.user = user
    remember_roles(user)
    request.resolver_match = match = resolve(path)
    middleware = RegionScopeMiddleware(
        lambda request: (
            middleware.process_view(request, view, match.args, match.kwargs)
            or view(request, *match.args, **match.kwargs)
        )
    )
    return middleware(request)


def _user(login):
    with scopes_disabled():
        return User.objects.get(username=login)


@pytest.mark.scoped
def test_a_lookup_that_forgets_the_region_is_still_a_404(demo_once, db):
    # A Blekinge coordinator asks for Dalarna's initiative on Blekinge's address, through a
    # lookup that filters by key alone: the scope leaves the row out.
    coordinator = _user("blekinge-lanssamordnare")
    with scopes_disabled():
        theirs = Initiative.objects.filter(region__slug="dalarna").first()

    def careless(region, pk):
        return get_object_or_404(Initiative.objects, pk=pk)

    def view(request, region_slug, pk):
        object_in_region(request, region_slug, careless, pk, perm="initiatives.view_initiative")
        return HttpResponse("leaked")

    with pytest.raises(Http404):
        _through_middleware(coordinator, f"/regioner/blekinge/satsningar/{theirs.pk}/", view)


@pytest.mark.scoped
@pytest.mark.parametrize(
    "who, path, expected",
    [
        ("blekinge-lanssamordnare", "/regioner/blekinge/satsningar/", "blekinge"),
        ("blekinge-lanssamordnare", "/", ["blekinge"]),
        ("anonymous", "/", []),
        ("anonymous", "/regioner/blekinge/satsningar/", []),
        ("admin", "/admin/", "disabled"),
        ("blekinge-lanssamordnare", "/admin/", []),
        ("blekinge-administrator", "/admin/", ["blekinge"]),
    ],
)
def test_the_middleware_chooses_the_scope(demo_once, db, who, path, expected):
    user = AnonymousUser() if who == "anonymous" else _user(who)
    seen = {}

    def view(request, *args, **kwargs):
        seen.update(get_scope())
        return HttpResponse()

    _through_middleware(user, path, view)
    if expected == "disabled":
        assert seen["_enabled"] is False
    else:
        blekinge = Region.objects.get(slug="blekinge").pk
        assert seen == {
            "_enabled": True,
            "region": blekinge if expected == "blekinge" else [blekinge for _ in expected],
        }
    # Left again after the response.
    assert "region" not in get_scope()


@pytest.mark.scoped
def test_another_regions_address_is_a_404_for_a_member_elsewhere(demo_once, db):
    coordinator = _user("blekinge-lanssamordnare")

    def view(request, *args, **kwargs):
        return HttpResponse("served")

    with pytest.raises(Http404):
        _through_middleware(coordinator, "/regioner/dalarna/satsningar/", view)
    with scopes_disabled():
        Membership.objects.create(
            user=coordinator,
            region=Region.objects.get(slug="dalarna"),
            organisation=Organisation.objects.get(region__slug="dalarna", kind="region"),
            role="initiator",
        )
    response = _through_middleware(coordinator, "/regioner/dalarna/satsningar/", view)
    assert response.content == b"served"


@pytest.mark.scoped
def test_a_code_taken_in_another_region_is_a_form_error_not_a_server_error(blekinge, dalarna):
    """Within Blekinge's scope Dalarna's organisations are not there, yet an organisation's
    code is national: the uniqueness check looks across regions (UniqueAcrossRegions), so the
    clash is a validation error next to the field, never an IntegrityError at save."""
    from django.core.exceptions import ValidationError

    from tests.factories import OrganisationFactory

    with scopes_disabled():
        OrganisationFactory(region=dalarna, kind="municipality", code="2080", name="Falun")
    with scope(region=blekinge.pk):
        assert not Organisation.objects.filter(code="2080").exists()
        twin = Organisation(region=blekinge, kind="municipality", code="2080", name="Falun II")
        with pytest.raises(ValidationError) as refused:
            twin.full_clean()
    assert refused.value.messages  # the clash, said as a validation error
    assert "__all__" in refused.value.message_dict or "code" in refused.value.message_dict
