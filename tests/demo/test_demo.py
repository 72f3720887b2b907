import os
import re
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Q

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.demo.builders import DEMO_PASSWORD, SUPERUSER
from tests.test_settings import production_environment

pytestmark = pytest.mark.django_db

DEMO_SLUGS = ["blekinge", "dalarna", "vastra-gotaland"]


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


def test_demo_twice_changes_nothing(demo_once):
    before = row_counts()
    users = list(User.objects.order_by("pk").values_list("username", "password", "email"))
    call_command("demo", "--quiet")
    assert row_counts() == before
    assert list(User.objects.order_by("pk").values_list("username", "password", "email")) == users


def test_demo_coordinator_sees_own_region_municipalities(client, demo_once):
    client.force_login(User.objects.get(username="dalarna-lanssamordnare"))
    html = client.get("/regioner/dalarna/kommuner/").content.decode()
    assert "Totalt, 15 kommuner" in html
    assert "Vansbro" in html and "Ludvika" in html
    assert client.get("/regioner/blekinge/kommuner/").status_code == 404
    client.force_login(User.objects.get(username="vastra-gotaland-lanssamordnare"))
    html = client.get("/regioner/vastra-gotaland/kommuner/").content.decode()
    assert "Totalt, 49 kommuner" in html
    assert "Skaraborgs kommunalförbund" in html


def demo_users():
    return User.objects.filter(
        Q(username=SUPERUSER) | Q(memberships__region__slug__in=DEMO_SLUGS)
    ).distinct()


def test_demo_in_production_refuses_and_creates_nothing(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match=r"PUSSELBIT_PRODUCTION=1.*--training"):
        call_command("demo")
    assert not User.objects.exists()


def test_demo_command_in_production_exits_with_the_reason(tmp_path):
    environment = production_environment(tmp_path)
    script = os.path.join(os.path.dirname(sys.executable), "pusselbit")
    result = subprocess.run([script, "demo"], env=environment, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Det här är en produktionsinstallation (PUSSELBIT_PRODUCTION=1)" in result.stderr
    assert "pusselbit demo --training" in result.stderr
    assert DEMO_PASSWORD not in result.stdout + result.stderr


def test_demo_training_in_production_gives_each_user_a_new_random_password(
    settings, capsys, demo_once
):
    # demo_once: an earlier demo, with the published password
    settings.PRODUCTION = True
    call_command("demo", "--training", "--quiet")
    output = capsys.readouterr().out
    assert "Inloggningar för utbildning" in output
    assert DEMO_PASSWORD not in output
    printed = dict(re.findall(r"^  (\S+)\s+(\w{4}-\w{4}-\w{4})\s", output, re.MULTILINE))
    users = list(demo_users())
    assert len(users) == 40 and set(printed) == {user.username for user in users}
    assert len(set(printed.values())) == len(printed)
    for user in users:
        assert not user.check_password(DEMO_PASSWORD), user.username
        assert user.check_password(printed[user.username]), user.username


def test_demo_mails_nobody(mailoutbox):
    """The demo walks its initiatives through their stages: nothing is queued for anyone, so
    the worker that `make run` starts does not print a hundred messages."""
    from pusselbit.core.models import OutgoingMail

    call_command("demo", "--quiet")

    assert not OutgoingMail.objects.exists()
    assert mailoutbox == []
    # What the demo's people were told is in the product, for them to find when they sign in.
    from pusselbit.notifications.models import Notification

    assert Notification.objects.exists()
    assert set(Notification.objects.values_list("mailing", flat=True)) == {"none"}
