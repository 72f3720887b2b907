"""Every page of the admin, for every model registered in it (admin.site._registry) and every
URL its model admin serves: another region's object is never shown or changed, the signed-out
are sent to the admin's sign-in, and no page answers with a server error for any
administrator. The demo (built with the domain functions) gives every model rows in the three
seed regions."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.admin_writes import DomainAdmin, DomainInline
from pusselbit.demo.builders import DEMO_REGIONS, SUPERUSER
from pusselbit.organisations.models import Region
from pusselbit.reporting.tasks import send_reminders_task

pytestmark = pytest.mark.django_db

# How each registered model's rows belong to a region: the lookup from the model to its region.
# A model registered in the admin that is in neither list fails test_every_admin_model_is_known.
REGION_OF = {
    "organisations.Region": "pk",
    "organisations.Organisation": "region",
    "organisations.PopulationFigure": "organisation__region",
    "organisations.OperationArea": "organisation__region",
    "accounts.User": "memberships__region",
    "accounts.Membership": "region",
    "initiatives.Workflow": "region",
    "funds.Allocation": "funds__region",
    "funds.Requisition": "region",
    "funds.Commitment": "share__allocation__funds__region",
    "funds.Spending": "share__allocation__funds__region",
    "reporting.Requirement": "region",
    "reporting.Precondition": "region",
    "reporting.Report": "requirement__region",
    "core.OutgoingMail": "region",
}
# The platform's own rows, which only the platform operator opens.
PLATFORM = {"core.AuditEntry", "funds.Agreement", "django_tasks_database.DBTaskResult"}
# Registered records: read-only in the admin for everyone, the platform operator included.
RECORDS = {
    "reporting.Report",
    "reporting.Answer",
    "initiatives.Decision",
    "initiatives.Recommendation",
    "funds.Commitment",
    "funds.Spending",
    "funds.Requisition",
    "funds.Allocation",
    "assignments.Assignment",
}
SEEDS = [demo.slug for demo in DEMO_REGIONS]


@pytest.fixture
def demo(demo_once, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_reminders_task.enqueue()  # a row for the task queue's admin


def administrator(slug) -> User:
    return User.objects.get(username=f"{slug}-administrator")


def registered():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()]


def admin_urls(model, model_admin, pk=None) -> list[str]:
    """Every URL the model admin serves: the model's (changelist, add) without `pk`, the
    object's (change, delete, history, the password page…) with it."""
    urls = []
    for pattern in model_admin.get_urls():
        arguments = len(pattern.pattern.converters)
        if pattern.name is None or (arguments == 1) != (pk is not None):
            continue
        urls.append(reverse(f"admin:{pattern.name}", args=[pk] if arguments else []))
    return urls


def row(model, pk):
    return list(model.objects.filter(pk=pk).values())


def of_region(model, region):
    """A row of `model` that belongs to `region` alone."""
    path = REGION_OF[model._meta.label]
    others = Region.objects.exclude(pk=region.pk)
    return (
        model.objects.filter(**{path: region.pk})
        .exclude(**{f"{path}__in": others})
        .order_by("pk")
        .first()
    )


def other_regions_objects():
    """(model, model admin, a row of region A, region B's administrator) for every
    region-owned model, A being a seed region with such a row and B another seed region."""
    for model, model_admin in registered():
        if model._meta.label in PLATFORM:
            continue
        for slug in SEEDS:
            region = Region.objects.get(slug=slug)
            obj = of_region(model, region)
            if obj is not None:
                other = next(s for s in SEEDS if s != slug)
                yield model, model_admin, obj, administrator(other)
                break
        else:
            raise AssertionError(f"The demo has no {model._meta.label} in a seed region.")


def test_every_admin_model_is_known():
    labels = {model._meta.label for model, _admin in registered()}
    assert labels == set(REGION_OF) | PLATFORM


def test_every_admin_write_goes_through_domain_hooks(rf, demo):
    """An admin that lets the platform operator add, change or delete does it through the
    domain hooks of core.admin_writes, and so do its inlines."""
    request = rf.get("/admin/")
    request.user = User.objects.get(username=SUPERUSER)
    for model, model_admin in registered():
        obj = model.objects.order_by("pk").first()
        for hook, may in [
            ("create_object", model_admin.has_add_permission(request)),
            ("change_object", model_admin.has_change_permission(request, obj)),
            ("delete_object", model_admin.has_delete_permission(request, obj)),
        ]:
            if may:
                assert isinstance(model_admin, DomainAdmin), model
                assert model_admin.writes(hook), f"{model._meta.label}: {hook}"
        own_formsets = type(model_admin).save_formset is not DomainAdmin.save_formset
        for inline in model_admin.get_inline_instances(request, obj):
            writes = (
                inline.has_add_permission(request, obj)
                or inline.has_change_permission(request, obj)
                or inline.has_delete_permission(request, obj)
            )
            if writes and not own_formsets:
                assert isinstance(inline, DomainInline), f"{model._meta.label}: {inline}"


def test_other_regions_objects_are_never_shown_or_changed(client, demo):
    for model, model_admin, obj, outsider in other_regions_objects():
        client.force_login(outsider)
        before = row(model, obj.pk)
        for url in admin_urls(model, model_admin, obj.pk):
            for method in (client.get, client.post):
                response = method(url, {"post": "yes"}, follow=True)
                html = response.content.decode()
                where = f"{method.__name__} {url} as {outsider}"
                assert response.redirect_chain[-1][0] == reverse("admin:index"), where
                assert "finns inte" in str(list(get_messages(response.wsgi_request))), where
                assert reverse(f"admin:{url_name(model)}_change", args=[obj.pk]) not in html
        assert row(model, obj.pk) == before, model
        # Django's "view on site" would tell a row that exists from one that does not.
        content_type = ContentType.objects.get_for_model(model)
        view_on_site = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
        assert client.get(view_on_site).status_code == 404
        changelist = client.get(reverse(f"admin:{url_name(model)}_changelist"))
        assert changelist.status_code == 200
        change_url = reverse(f"admin:{url_name(model)}_change", args=[obj.pk])
        assert change_url not in changelist.content.decode(), model


def url_name(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"


def test_platform_rows_are_closed_to_region_administrators(client, demo):
    client.force_login(administrator("blekinge"))
    for model, model_admin in registered():
        if model._meta.label not in PLATFORM:
            continue
        obj = model.objects.order_by("pk").first()
        before = row(model, obj.pk)
        for url in admin_urls(model, model_admin) + admin_urls(model, model_admin, obj.pk):
            assert client.get(url, follow=True).status_code == 403, url
            assert client.post(url, {"post": "yes"}, follow=True).status_code == 403, url
        assert row(model, obj.pk) == before


@pytest.mark.parametrize("viewer, other", [("dalarna", "blekinge"), ("blekinge", "dalarna")])
def test_choices_offer_nothing_of_another_region(client, demo, viewer, other):
    """Every choice field of every add form and inline: nothing of the regions the user does
    not administer — also of models the admin does not list, as long as their rows belong to
    a region (question sets, say)."""
    other_region = Region.objects.get(slug=other)
    client.force_login(administrator(viewer))
    for model, _model_admin in registered():
        response = client.get(reverse(f"admin:{url_name(model)}_add"))
        if response.status_code == 403:
            continue
        forms = [response.context["adminform"].form]
        forms += [f.formset.empty_form for f in response.context["inline_admin_formsets"]]
        for form in forms:
            for name, field in form.fields.items():
                if name == form._meta.model._meta.pk.name:
                    continue  # a formset's row key: Django looks it up in the inline's rows
                chosen = getattr(getattr(field, "queryset", None), "model", None)
                path = chosen and (REGION_OF.get(chosen._meta.label) or _region_field(chosen))
                if path:
                    leaked = field.queryset.filter(**{path: other_region.pk})
                    assert not leaked.exists(), f"{model._meta.label}.{name}"


def _region_field(model) -> str | None:
    names = {field.name for field in model._meta.get_fields()}
    return "region" if "region" in names else None


def test_signed_out_are_sent_to_admin_sign_in(client, demo):
    for model, model_admin in registered():
        obj = model.objects.order_by("pk").first()
        before = row(model, obj.pk)
        for url in admin_urls(model, model_admin) + admin_urls(model, model_admin, obj.pk):
            for method in (client.get, client.post):
                response = method(url, {"post": "yes"})
                assert response.status_code == 302, url
                assert response.url.startswith("/admin/login/?next="), url
        assert row(model, obj.pk) == before
    assert client.get("/admin/login/").status_code == 200


def test_registered_records_are_read_only_for_platform_operator(client, demo):
    client.force_login(User.objects.get(username=SUPERUSER))
    shown = [(m, a) for m, a in registered() if m._meta.label in RECORDS]
    assert {m._meta.label for m, _a in shown} >= {"reporting.Report", "funds.Commitment"}
    for model, _model_admin in shown:
        obj = model.objects.order_by("pk").first()
        before = row(model, obj.pk)
        base = f"admin:{url_name(model)}"
        assert client.get(reverse(f"{base}_change", args=[obj.pk])).status_code == 200
        assert client.post(reverse(f"{base}_change", args=[obj.pk]), {}).status_code == 403
        assert (
            client.post(reverse(f"{base}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
        assert client.get(reverse(f"{base}_add")).status_code == 403
        assert row(model, obj.pk) == before


def walk(client, user):
    """Every admin page `user` can reach, for a row of each model they see; each
    answers without a server error (the test client raises a view's exception)."""
    client.force_login(user)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    for app in index.context["app_list"]:
        assert client.get(reverse("admin:app_list", args=[app["app_label"]])).status_code == 200
    pages = 0
    for model, model_admin in registered():
        for url in admin_urls(model, model_admin):
            response = client.get(url)
            assert response.status_code in (200, 403), url
            pages += 1
        changelist = client.get(reverse(f"admin:{url_name(model)}_changelist"), {"q": "a"})
        if changelist.status_code == 403:
            continue
        changelist = client.get(reverse(f"admin:{url_name(model)}_changelist"))
        for obj in list(changelist.context["cl"].result_list)[:1]:
            for url in admin_urls(model, model_admin, obj.pk):
                response = client.get(url, follow=True)
                assert response.status_code in (200, 403), url
                pages += 1
    return pages


def test_no_admin_page_answers_server_error_for_any_administrator(client, demo):
    assert walk(client, User.objects.get(username=SUPERUSER)) > 60
    # Region administrators of two regions (the pages are the same for the third).
    for slug in SEEDS[:2]:
        assert walk(client, administrator(slug)) > 30
