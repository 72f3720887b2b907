"""People hear what happened (issue 16, item 2): an idea walked to its decision through the
domain functions tells its initiator that it was submitted, recommended and decided — at once,
or in one daily digest for an initiator who chose that — and its participants' contact persons
what they are told of; each step's next actors hear it is their turn."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from pusselbit.core.models import OutgoingMail
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain.execution import record_adjustment
from pusselbit.initiatives.workflows.engine import transition
from pusselbit.notifications.domain import send_digests, set_delivery
from pusselbit.notifications.models import Notification
from tests.factories import MembershipFactory
from tests.initiatives.helpers import (
    TODAY,
    add_both_kinds,
    assess_everything,
    complete_idea,
    via,
    write_proposal,
)

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2026, 11, 23, 8, tzinfo=datetime.UTC)


def _walk_to_decision(initiative, people, karlskrona, regional_org, *, sent_back=False):
    """From idea to an approved decision, by the roles of the default workflow."""
    initiator, coordinator = initiative.owner, people["county_coordinator"]
    complete_idea(initiative, initiator)
    transition(initiative, via(initiative, "radgivning"), actor=initiator)
    if sent_back:
        transition(initiative, via(initiative, "ide"), actor=coordinator, comment="Mer om målen.")
        transition(initiative, via(initiative, "radgivning"), actor=initiator)
    transition(initiative, via(initiative, "inskickad"), actor=initiator, comment="Klar")
    transition(initiative, via(initiative, "samordningsgrupp"), actor=coordinator)
    transition(initiative, via(initiative, "dialogforum"), actor=coordinator)
    transition(initiative, via(initiative, "underlag"), actor=coordinator)
    add_both_kinds(initiative, coordinator, karlskrona, regional_org)
    initiative.participants.filter(organisation=karlskrona).update(
        contact_name="Kim Kontakt", contact_email="kim@karlskrona.example.org"
    )
    assess_everything(initiative, coordinator)
    write_proposal(initiative, people["local_coordinator"])
    transition(initiative, via(initiative, "rekommendation"), actor=coordinator)
    domain.record_recommendation(
        initiative,
        via(initiative, "beslut", "recommend"),
        actor=people["lsvo_member"],
        rationale="Väl underbyggt.",
        meeting_date=TODAY,
    )
    domain.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number="RB 2026/123",
        budget=Decimal("650000.00"),
        follow_up_plan="Halvårsvis till styrgruppen.",
    )


def _subjects(address):
    return [m.subject for m in OutgoingMail.objects.order_by("pk") if m.to == [address]]


def test_the_initiator_is_told_of_submission_recommendation_and_decision_at_once(
    people, make_initiative, karlskrona, regional_org
):
    initiative = make_initiative()

    _walk_to_decision(initiative, people, karlskrona, regional_org, sent_back=True)

    title = "Samtalsstöd för unga vuxna"
    assert _subjects("ble-initiator@example.org") == [
        f"{title} skickades tillbaka till Idé",
        f"{title} har skickats in",
        f"Rekommendation om {title}: rekommenderad",
        f"Beslut om {title}: beviljad",
    ]
    initiator = ["ble-initiator@example.org"]
    decided = OutgoingMail.objects.get(subject=f"Beslut om {title}: beviljad", to=initiator)
    assert "RB 2026/123" in decided.body and "22 november 2026" in decided.body
    sent_back = OutgoingMail.objects.get(subject__contains="skickades tillbaka", to=initiator)
    assert "Mer om målen." in sent_back.body
    assert "Region Blekinge" in decided.body
    # The contact person of a participant (added while the proposal was written) hears of
    # the recommendation and the decision.
    assert _subjects("kim@karlskrona.example.org") == [
        f"Rekommendation om {title}: rekommenderad",
        f"Beslut om {title}: beviljad",
    ]
    # The next actors hear it is their turn; the one who takes a step is not told of it.
    assert f"{title} är nu i steget Beslut" in _subjects("ble-regional_director@example.org")
    in_group = f"{title} är nu i steget Samordningsgrupp"
    assert in_group in _subjects("ble-coordination_group_member@example.org")
    assert in_group not in _subjects("ble-county_coordinator@example.org")
    notices = Notification.objects.filter(recipient=initiative.owner)
    assert set(notices.values_list("kind", flat=True)) >= {"submitted", "recommended", "decided"}
    assert all(n.mailing == "immediate" and n.read_at is None for n in notices)


def test_an_initiator_who_chose_the_digest_gets_the_three_in_one_mail(
    people, make_initiative, karlskrona, regional_org, blekinge
):
    second = MembershipFactory(
        region=blekinge,
        role="initiator",
        organisation=karlskrona,
        user__username="ble-initiator-2",
    ).user
    set_delivery(second, "digest", actor=second)
    initiative = make_initiative(title="Träffpunkt för äldre", owner=second)

    with time_machine.travel(MORNING, tick=True):
        _walk_to_decision(initiative, people, karlskrona, regional_org)
    assert _subjects("ble-initiator-2@example.org") == []

    with time_machine.travel(MORNING + datetime.timedelta(days=1)):
        assert send_digests() == 1
        assert send_digests() == 0

    [digest] = OutgoingMail.objects.filter(to=["ble-initiator-2@example.org"])
    body = digest.body
    submitted = body.index("Träffpunkt för äldre har skickats in")
    recommended = body.index("Rekommendation om Träffpunkt för äldre: rekommenderad")
    decided = body.index("Beslut om Träffpunkt för äldre: beviljad")
    assert submitted < recommended < decided
    assert "RB 2026/123" in body
    assert set(Notification.objects.filter(recipient=second).values_list("mail", flat=True)) == {
        digest.pk
    }


def test_the_initiator_and_the_contacts_hear_of_an_adjustment(people, make_initiative, karlskrona):
    initiative = make_initiative("genomforande")
    domain.add_participant(
        initiative,
        karlskrona,
        actor=people["county_coordinator"],
        contact_name="Kim Kontakt",
        contact_email="kim@karlskrona.example.org",
    )

    record_adjustment(
        initiative,
        actor=people["steering_group_member"],
        agreed_on=TODAY,
        description="Fler träffar i Ronneby.",
        agreed_with="Styrgruppen",
    )

    subject = "Samtalsstöd för unga vuxna har justerats"
    assert _subjects("ble-initiator@example.org") == [subject]
    assert _subjects("kim@karlskrona.example.org") == [subject]
    body = OutgoingMail.objects.get(to=["kim@karlskrona.example.org"]).body
    assert "Styrgruppen" in body and "Fler träffar i Ronneby." in body


@pytest.mark.parametrize(
    ("stage", "target", "role", "ended_in"),
    [
        ("dialogforum", "atertagen", "initiator", "Återtagen"),
        ("samordningsgrupp", "avslagen", "county_coordinator", "Avslagen"),
    ],
)
def test_the_contacts_hear_that_an_idea_is_withdrawn_or_turned_down(
    people, make_initiative, karlskrona, stage, target, role, ended_in
):
    initiative = make_initiative(stage)
    domain.add_participant(
        initiative, karlskrona, actor=people["county_coordinator"], contact_email="kim@example.org"
    )

    transition(initiative, via(initiative, target), actor=people[role], comment="Passar inte.")

    closed = f"Samtalsstöd för unga vuxna är avslutad ({ended_in})"
    assert _subjects("kim@example.org") == [closed]
    assert "Passar inte." in OutgoingMail.objects.get(to=["kim@example.org"]).body
    # The initiator hears of it unless they withdrew it themselves.
    assert _subjects("ble-initiator@example.org") == ([] if role == "initiator" else [closed])
