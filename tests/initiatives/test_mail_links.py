"""Links in e-mail name the address the site runs on: the page's own address when a page
queues the mail, SITE_URL where no request is (commands, the worker)."""

import pytest
from django.urls import reverse

from pusselbit.core.middleware import site_url
from pusselbit.core.models import OutgoingMail
from tests.initiatives.helpers import complete_idea, via

pytestmark = pytest.mark.django_db


def test_mail_queued_by_a_page_links_to_the_port_the_site_runs_on(
    client, people, make_initiative, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    initiative = make_initiative("radgivning")
    complete_idea(initiative, people["initiator"])
    client.force_login(people["initiator"])
    transition = via(initiative, "inskickad")
    path = reverse(
        "initiatives:transition", args=[initiative.region.slug, initiative.pk, transition.pk]
    )
    response = client.post(path, {"comment": "Klar"}, HTTP_HOST="127.0.0.1:8123")
    assert response.status_code == 302
    detail = reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])
    bodies = [mail.body for mail in OutgoingMail.objects.all()]
    assert bodies and all(f"http://127.0.0.1:8123{detail}" in body for body in bodies)
    assert not any(":8000" in body for body in bodies)


def test_without_a_request_links_use_site_url(settings):
    settings.SITE_URL = "https://pusselbit.example.se/"
    assert site_url("/regioner/") == "https://pusselbit.example.se/regioner/"
