"""Withholding a decided initiative from the public, and lifting it: who may, what is kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.models import Initiative
from pusselbit.public.domain import lift_withholding, withhold_initiative
from pusselbit.public.models import Withholding

pytestmark = pytest.mark.django_db


def _decided():
    return Initiative.objects.get(
        region__slug="dalarna", title="Samtalsstöd inom en vecka för unga vuxna"
    )


def _user(login):
    return User.objects.get(username=f"dalarna-{login}")


def test_withholding_and_lifting_keep_the_record_and_audit(demo_once):
    initiative = _decided()
    withholding = withhold_initiative(initiative, actor=_user("lanssamordnare"), reason="OSL 21:1")
    lifted = lift_withholding(withholding, actor=_user("lanssamordnare"), reason="Prövad.")
    assert Withholding.objects.filter(pk=withholding.pk).exists()
    assert lifted.lifted_by == _user("lanssamordnare") and lifted.lifted_at is not None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"public.record_withheld", "public.withholding_lifted"} <= actions
    with pytest.raises(ValidationError):
        lifted.delete()


def test_withholding_twice_and_lifting_twice_are_refused(demo_once):
    initiative = _decided()
    withholding = withhold_initiative(initiative, actor=None, reason="OSL 21:1")
    with pytest.raises(ValidationError):
        withhold_initiative(initiative, actor=None, reason="OSL 21:1")
    lift_withholding(withholding, actor=None, reason="Prövad.")
    with pytest.raises(ValidationError):
        lift_withholding(withholding, actor=None, reason="Igen.")


def test_only_the_coordinator_and_administrator_may_withhold(demo_once):
    with pytest.raises(PermissionDenied):
        withhold_initiative(_decided(), actor=_user("initiativtagare"), reason="OSL 21:1")


def test_the_coordinator_withholds_on_the_page(demo_once):
    client = Client()
    client.force_login(_user("lanssamordnare"))
    initiative = _decided()
    url = reverse("withholding:initiative", args=["dalarna", initiative.pk])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and not Withholding.objects.exists()
    response = client.post(url, {"reason": "OSL 21 kap. 1 §"})
    assert response.status_code == 302
    assert Withholding.objects.get().reason == "OSL 21 kap. 1 §"
    register = client.get(reverse("withholding:register", args=["dalarna"]))
    assert "OSL 21 kap. 1 §" in register.content.decode()


def test_the_page_is_403_to_an_initiator(demo_once):
    client = Client()
    client.force_login(_user("initiativtagare"))
    url = reverse("withholding:initiative", args=["dalarna", _decided().pk])
    assert client.get(url).status_code == 403
