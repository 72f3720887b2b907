"""A decision or its correction sent twice — a double click, two tabs, two people at the same
moment — is recorded once; the second sender is told what happened and keeps what they typed."""

import pytest
from django.urls import reverse

from pusselbit.initiatives.models import Decision
from tests.concurrency import at_once, postgresql_only
from tests.initiatives.helpers import via

DECISION = {
    "registration_number": "RB 2026/77",
    "decided_on": "2026-11-21",
    "budget": "1 200 000",
    "follow_up_plan": "Halvårsvis uppföljning i styrgruppen.",
}


MOVED_ON = "Inget registrerades: satsningen har redan gått vidare"


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk, *args])


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_same_decision_sent_twice_at_once_is_recorded_once(people, make_initiative):
    initiative = make_initiative("beslut")
    approve = via(initiative, "genomforande", "approved")
    address = url("decide", initiative, approve.pk)

    first, second = at_once(people["regional_director"], [(address, DECISION)] * 2)

    assert Decision.objects.filter(initiative=initiative).count() == 1
    statuses = sorted(response.status_code for response in (first, second))
    assert statuses == [200, 302]
    refused = first if first.status_code == 200 else second
    html = refused.content.decode()
    assert MOVED_ON in html and "Beslut RB 2026/77: Beviljad, 21 november 2026." in html
    assert "Halvårsvis uppföljning i styrgruppen." in html  # what was typed is kept
    initiative.refresh_from_db()
    assert initiative.stage.key == "genomforande"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_same_correction_sent_twice_at_once_is_recorded_once(people, make_initiative):
    from pusselbit.initiatives import domain
    from tests.initiatives.helpers import TODAY

    initiative = make_initiative("beslut")
    decision = domain.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=TODAY,
        registration_number="RB 2026/1",
        budget=100,
        follow_up_plan="Årsvis",
    )
    address = url("correct_decision", initiative, decision.pk)
    data = {**DECISION, "rationale": "Fel belopp i beslutet."}

    first, second = at_once(people["regional_director"], [(address, data)] * 2)

    assert Decision.objects.filter(replaces=decision).count() == 1
    statuses = sorted(response.status_code for response in (first, second))
    assert statuses == [200, 302]
    refused = first if first.status_code == 200 else second
    html = refused.content.decode()
    assert "Inget registrerades: beslut RB 2026/1 har redan rättats" in html
    assert "Fel belopp i beslutet." in html


def test_decision_sent_again_from_a_second_tab_says_what_was_decided(
    client, people, make_initiative
):
    initiative = make_initiative("beslut")
    approve = via(initiative, "genomforande", "approved")
    address = url("decide", initiative, approve.pk)
    client.force_login(people["regional_director"])
    assert client.post(address, DECISION).status_code == 302

    second_tab = {**DECISION, "registration_number": "RB 2026/78", "rationale": "Mitt utkast."}
    response = client.post(address, second_tab)

    html = response.content.decode()
    assert response.status_code == 200
    assert MOVED_ON in html and "Beslut RB 2026/77: Beviljad, 21 november 2026." in html
    assert "Mitt utkast." in html and 'value="RB 2026/78"' in html
    assert Decision.objects.filter(initiative=initiative).count() == 1
    assert client.get(address).status_code == 200  # the stale page itself says so too


def test_step_taken_again_from_a_second_tab_keeps_the_comment(client, people, make_initiative):
    initiative = make_initiative("inskickad")
    forward = via(initiative, "samordningsgrupp")
    address = url("transition", initiative, forward.pk)
    client.force_login(people["county_coordinator"])
    assert client.post(address, {"comment": "Första"}).status_code == 302

    response = client.post(address, {"comment": "Andra fliken"})

    html = response.content.decode()
    assert response.status_code == 200 and MOVED_ON in html and "Andra fliken" in html
    assert initiative.stage_changes.count() == 1
