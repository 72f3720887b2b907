"""Every form that makes something new — an idea, a meeting, an action plan, an assignment
document, a reporting requirement — makes it once, however often it is sent: the second sending
(a double click, a reload, a second tab) is told that it was already saved, and goes to it."""

import re

import pytest
from django.urls import reverse

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.assignments.models import Assignment
from pusselbit.initiatives.models import Initiative, Meeting
from pusselbit.organisations.models import Region
from pusselbit.plans.models import ActionPlan
from pusselbit.reporting.models import Requirement

pytestmark = pytest.mark.django_db

SAVED_ONCE = "Formuläret var redan skickat: ”{}” är sparat en gång, inte två."


@pytest.fixture
def dalarna_all_roles(demo_once, db):
    """The demo, and a user with every role in Dalarna, on behalf of the region."""
    region = Region.objects.get(slug="dalarna")
    user = User.objects.create_user("alla-roller", email="alla@example.org")
    own = region.organisations.get(kind="region")
    Membership.objects.bulk_create(
        Membership(user=user, region=region, organisation=own, role=role) for role in Role
    )
    return user


def new_forms(region):
    own = region.organisations.get(kind="region")
    requirement = Requirement.objects.filter(region=region).first()
    return {
        "initiatives:create": (
            Initiative,
            "Stöd till anhöriga",
            {"organisation": own.pk, "title": "Stöd till anhöriga", "problem": "Inget stöd."},
        ),
        "initiatives:meeting_create": (
            Meeting,
            "Samordningsgruppen, december",
            {
                "kind": "coordination_group",
                "title": "Samordningsgruppen, december",
                "starts_at": "2026-12-10T09:00",
                "ends_at": "2026-12-10T11:00",
            },
        ),
        "plans:create": (
            ActionPlan,
            "Handlingsplan 2027–2029",
            {"title": "Handlingsplan 2027–2029", "first_year": "2027", "last_year": "2029"},
        ),
        "assignments:create": (
            Assignment,
            "Samordnare för suicidprevention",
            {
                "title": "Samordnare för suicidprevention",
                "place": "Falun",
                "dated": "2026-11-30",
                "background": "Bakgrund.",
                "purpose": "Syfte.",
                "organisation_text": "Organisation.",
            },
        ),
        "reporting:new_requirement": (
            Requirement,
            None,
            {
                "agreement": requirement.agreement_id,
                "kind": "partial",
                "deadline": "2027-03-31",
                "question_set": requirement.question_set_id,
                "recipients": [own.pk],
                "remind_days_before": "7",
            },
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "initiatives:create",
        "initiatives:meeting_create",
        "plans:create",
        "assignments:create",
        "reporting:new_requirement",
    ],
)
def test_a_new_thing_sent_twice_is_made_once(client, dalarna_all_roles, name):
    region = Region.objects.get(slug="dalarna")
    model, shown, data = new_forms(region)[name]
    address = reverse(name, args=[region.slug])
    client.force_login(dalarna_all_roles)
    form = client.get(address).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)
    before = model.objects.count()

    first = client.post(address, {**data, "submission": key})
    second = client.post(address, {**data, "submission": key})

    assert first.status_code == 302, first.content.decode()[:3000]
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert model.objects.count() == before + 1
    made = model.objects.order_by("-pk").first()
    page = client.get(second["Location"]).content.decode()
    assert SAVED_ONCE.format(shown or made) in page
