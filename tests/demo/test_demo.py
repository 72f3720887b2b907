import pytest
from django.apps import apps
from django.core.management import call_command

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.demo.builders import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_demo_gives_each_role_in_each_seed_region(capsys):
    call_command("demo")
    for slug in ["blekinge", "dalarna", "vastra-gotaland"]:
        roles = set(Membership.objects.filter(region__slug=slug).values_list("role", flat=True))
        assert roles == set(Role.values), slug
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    assert coordinator.check_password(DEMO_PASSWORD)
    output = capsys.readouterr().out
    assert "blekinge-lanssamordnare" in output and DEMO_PASSWORD in output


def test_demo_twice_changes_nothing():
    call_command("demo", "--quiet")
    before = row_counts()
    users = list(User.objects.order_by("pk").values_list("username", "password", "email"))
    call_command("demo", "--quiet")
    assert row_counts() == before
    assert list(User.objects.order_by("pk").values_list("username", "password", "email")) == users


def test_demo_coordinator_sees_own_region_municipalities(client):
    call_command("demo", "--quiet")
    client.force_login(User.objects.get(username="dalarna-lanssamordnare"))
    html = client.get("/regioner/dalarna/kommuner/").content.decode()
    assert "Totalt, 15 kommuner" in html
    assert "Vansbro" in html and "Ludvika" in html
    assert client.get("/regioner/blekinge/kommuner/").status_code == 404
    client.force_login(User.objects.get(username="vastra-gotaland-lanssamordnare"))
    html = client.get("/regioner/vastra-gotaland/kommuner/").content.decode()
    assert "Totalt, 49 kommuner" in html
    assert "Skaraborgs kommunalförbund" in html
