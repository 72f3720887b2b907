"""Publishing the compiled county report: the county coordinator only, a finished compilation
only, once (sent twice it says so), audited, kept when older compilations are pruned, and
another region's is a 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.reporting.domain.compilations import (
    KEEP,
    _prune,
    publish_compilation,
    request_compilation,
)
from pusselbit.reporting.domain.requirements import create_requirement, remove_requirement
from pusselbit.reporting.enums import CompilationStatus
from pusselbit.reporting.models import Compilation, Requirement

pytestmark = pytest.mark.django_db


def _user(login, slug="dalarna"):
    return User.objects.get(username=f"{slug}-{login}")


@pytest.fixture
def requirement(demo_once):
    return Requirement.objects.get(region__slug="dalarna")


@pytest.fixture
def compilation(requirement):
    return request_compilation(requirement, actor=None)


def _page(compilation):
    return reverse(
        "reporting:compilation", args=[compilation.requirement.region.slug, compilation.pk]
    )


def _publish_url(compilation, slug="dalarna"):
    return reverse("reporting:publish_compilation", args=[slug, compilation.pk])


def test_the_coordinator_publishes_and_it_is_audited(compilation):
    published = publish_compilation(compilation, actor=_user("lanssamordnare"))
    assert published.published_at is not None
    assert published.published_by == _user("lanssamordnare")
    entry = AuditEntry.objects.get(action="reporting.compilation_published")
    assert entry.actor == _user("lanssamordnare")
    assert entry.data["compilation"] == compilation.pk


@pytest.mark.parametrize("login", ["administrator", "initiativtagare", "ekonom"])
def test_no_one_else_may_publish(compilation, login):
    with pytest.raises(PermissionDenied):
        publish_compilation(compilation, actor=_user(login))
    assert not Compilation.objects.get(pk=compilation.pk).published


@pytest.mark.parametrize("status", [CompilationStatus.QUEUED, CompilationStatus.FAILED])
def test_only_a_finished_compilation_is_published(requirement, status):
    unfinished = Compilation.objects.create(requirement=requirement, status=status)
    with pytest.raises(ValidationError) as refused:
        publish_compilation(unfinished, actor=_user("lanssamordnare"))
    assert refused.value.code == "not_done"
    assert not Compilation.objects.get(pk=unfinished.pk).published


def test_published_twice_is_refused_and_the_first_publication_stands(compilation):
    first = publish_compilation(compilation, actor=_user("lanssamordnare"))
    with pytest.raises(ValidationError) as refused:
        publish_compilation(compilation, actor=_user("lanssamordnare"))
    assert refused.value.code == "published"
    assert Compilation.objects.get(pk=compilation.pk).published_at == first.published_at
    assert AuditEntry.objects.filter(action="reporting.compilation_published").count() == 1


def test_the_coordinator_publishes_on_the_page_and_a_second_press_says_so(compilation):
    client = Client()
    client.force_login(_user("lanssamordnare"))
    page = client.get(_page(compilation)).content.decode()
    assert f'action="{_publish_url(compilation)}"' in page
    response = client.post(_publish_url(compilation), follow=True)
    assert response.redirect_chain == [(_page(compilation), 302)]
    text = response.content.decode()
    assert "publicerad" in text.lower()
    assert reverse("public:documents", args=["dalarna"]) in text
    assert f'action="{_publish_url(compilation)}"' not in text
    again = client.post(_publish_url(compilation), follow=True)
    assert again.status_code == 200
    assert "publicerades redan" in again.content.decode()


def test_the_page_offers_no_button_to_the_administrator_and_refuses_the_post(compilation):
    client = Client()
    client.force_login(_user("administrator"))
    page = client.get(_page(compilation)).content.decode()
    assert _publish_url(compilation) not in page
    assert client.post(_publish_url(compilation)).status_code == 403
    assert not Compilation.objects.get(pk=compilation.pk).published


def test_another_regions_compilation_is_404(compilation):
    client = Client()
    client.force_login(_user("lanssamordnare", "blekinge"))
    assert client.post(_publish_url(compilation)).status_code == 404
    assert client.post(_publish_url(compilation, "blekinge")).status_code == 404
    assert not Compilation.objects.get(pk=compilation.pk).published


def test_a_published_compilation_is_never_pruned(requirement, compilation):
    publish_compilation(compilation, actor=_user("lanssamordnare"))
    for _ in range(KEEP + 2):
        Compilation.objects.create(
            requirement=requirement, status=CompilationStatus.DONE, finished_at=timezone.now()
        )
    _prune(requirement)
    assert Compilation.objects.filter(pk=compilation.pk).exists()
    assert Compilation.objects.filter(requirement=requirement).count() == KEEP + 1


def _another_requirement(coordinator, requirement):
    """A second requirement like `requirement`, with nothing reported to it yet."""
    return create_requirement(
        coordinator,
        requirement.region,
        agreement=requirement.agreement,
        kind="partial",
        deadline=requirement.deadline,
        question_set=requirement.question_set,
        recipients=list(requirement.recipients.all()[:2]),
        remind_days_before=[7],
        precondition_for_next_year=False,
    )


def test_a_requirement_with_a_published_compilation_is_not_removed(requirement):
    coordinator = _user("lanssamordnare")
    empty = _another_requirement(coordinator, requirement)
    done = Compilation.objects.create(
        requirement=empty, status=CompilationStatus.DONE, finished_at=timezone.now()
    )
    publish_compilation(done, actor=coordinator)
    with pytest.raises(ValidationError):
        remove_requirement(coordinator, empty)
    assert Requirement.objects.filter(pk=empty.pk).exists()


def test_a_removed_requirements_compilations_take_their_files_with_them(
    requirement, django_capture_on_commit_callbacks
):
    coordinator = _user("lanssamordnare")
    empty = _another_requirement(coordinator, requirement)
    compiled = Compilation.objects.get(pk=request_compilation(empty, actor=coordinator).pk)
    names = [getattr(compiled, name).name for name in Compilation.FILES if getattr(compiled, name)]
    assert names and all(storages["attachments"].exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        remove_requirement(coordinator, empty)
    assert not Compilation.objects.filter(pk=compiled.pk).exists()
    assert not any(storages["attachments"].exists(name) for name in names)
