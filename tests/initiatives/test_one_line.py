"""Titles and registration numbers are one line, whether they come through a page or straight
through a domain function."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pusselbit.initiatives import domain
from pusselbit.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

ONE_LINE = "Skriv på en rad. Radbrytningar och andra styrtecken är inte tillåtna."


def test_create_initiative_refuses_a_title_with_a_line_break(people, blekinge, karlskrona):
    with pytest.raises(ValidationError) as refused:
        domain.create_initiative(
            blekinge,
            actor=people["initiator"],
            organisation=karlskrona,
            title="Samtalsstöd\nBcc: x@example.com",
        )
    assert refused.value.message_dict == {"title": [ONE_LINE]}
    assert not Initiative.objects.exists()


def test_update_idea_refuses_a_title_with_a_line_break(people, make_initiative):
    initiative = make_initiative()
    with pytest.raises(ValidationError) as refused:
        domain.update_idea(
            initiative,
            actor=people["initiator"],
            expected_version=initiative.version,
            title="Samtalsstöd\r\nBcc: x@example.com",
        )
    assert list(refused.value.message_dict) == ["title"]
    initiative.refresh_from_db()
    assert initiative.title == "Samtalsstöd för unga vuxna"


def test_registration_number_with_a_line_break_is_refused_next_to_the_field(
    client, people, make_initiative
):
    initiative = make_initiative("inskickad")
    client.force_login(people["county_coordinator"])
    path = reverse("initiatives:registration", args=["blekinge", initiative.pk])
    response = client.post(path, {"registration_number": "RB 2026/1\nBcc: x@example.com"})
    html = response.content.decode()
    assert response.status_code == 200 and ONE_LINE in html
    assert 'href="#id_registration_number"' in html
    initiative.refresh_from_db()
    assert initiative.registration_number == ""
    with pytest.raises(ValidationError):
        domain.set_registration_number(
            initiative, "RB 2026/1\nBcc: x", actor=people["county_coordinator"]
        )
