"""Recording a plan's adoption: a plan created without "adopted by" is being drafted, and its
managers record the adoption later, once; from then on it is public (tests/public)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.organisations.models import Region
from pusselbit.plans import domain as plans

pytestmark = pytest.mark.django_db
REGION = "vastra-gotaland"


def _user(login):
    return User.objects.get(username=f"{REGION}-{login}")


@pytest.fixture
def draft(demo_once):
    return plans.create_plan(Region.objects.get(slug=REGION), "Utkast", 2027, 2029, actor=None)


def test_adopting_a_plan_is_for_its_managers_once_and_audited(draft):
    with pytest.raises(PermissionDenied):
        plans.adopt_plan(draft, actor=_user("initiativtagare"), adopted_by="X")
    with pytest.raises(ValidationError):
        plans.adopt_plan(draft, actor=_user("lanssamordnare"), adopted_by="  ")
    plans.adopt_plan(draft, actor=_user("lanssamordnare"), adopted_by="VVG")
    with pytest.raises(ValidationError):
        plans.adopt_plan(draft, actor=_user("lanssamordnare"), adopted_by="Någon annan")
    draft.refresh_from_db()
    assert draft.adopted_by == "VVG"
    assert AuditEntry.objects.filter(action="plan.adopted", target_id=str(draft.pk)).exists()


def test_the_coordinator_adopts_a_plan_on_its_page(draft):
    client = Client()
    client.force_login(_user("lanssamordnare"))
    detail = client.get(reverse("plans:detail", args=[REGION, draft.pk])).content.decode()
    adopt = reverse("plans:adopt", args=[REGION, draft.pk])
    assert adopt in detail and "Utkast: planen är inte fastställd" in detail
    assert client.post(adopt, {"adopted_by": ""}).status_code == 200
    response = client.post(adopt, {"adopted_by": "VVG 2027-02-01"})
    assert response.status_code == 302
    again = client.post(adopt, {"adopted_by": "Någon annan"})
    assert again.status_code == 200 and "redan fastställd" in again.content.decode()
    draft.refresh_from_db()
    assert draft.adopted_by == "VVG 2027-02-01"


def test_the_page_is_403_to_an_initiator(draft):
    client = Client()
    client.force_login(_user("initiativtagare"))
    assert client.get(reverse("plans:adopt", args=[REGION, draft.pk])).status_code == 403
