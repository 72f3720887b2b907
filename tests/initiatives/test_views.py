import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.initiatives.models import Initiative, Proposal
from tests.initiatives.helpers import (
    add_both_kinds,
    assess_everything,
    complete_idea,
    page_form,
    via,
    write_proposal,
)
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db


def url(name, initiative, *args):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk, *args])


def test_initiator_saves_draft_idea_through_page(client, people, blekinge, karlskrona):
    client.force_login(people["initiator"])
    response = client.post(
        reverse("initiatives:create", args=["blekinge"]),
        {
            "organisation": karlskrona.pk,
            "title": "Stöd till anhöriga",
            "rough_budget": "250 000,50",
            "problem": "Anhöriga får inget stöd.",
        },
    )
    initiative = Initiative.objects.get()
    assert response.url == url("detail", initiative)
    assert initiative.stage.key == "ide" and initiative.owner == people["initiator"]
    assert str(initiative.rough_budget) == "250000.50"
    html = client.get(response.url).content.decode()
    assert "Stöd till anhöriga" in html and "250\xa0000,50\xa0kr" in html


def test_idea_with_errors_keeps_what_was_typed(client, people, blekinge, karlskrona):
    client.force_login(people["initiator"])
    response = client.post(
        reverse("initiatives:create", args=["blekinge"]),
        {
            "organisation": karlskrona.pk,
            "title": "",
            "problem": "Ett långt problem",
            "rough_budget": "mycket",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Initiative.objects.exists()
    assert 'href="#id_title"' in html and 'href="#id_rough_budget"' in html
    assert "Ett långt problem" in html and 'value="mycket"' in html


def test_second_concurrent_idea_save_is_refused_and_first_kept(client, people, make_initiative):
    initiative = make_initiative()
    client.force_login(people["initiator"])
    form = {"title": initiative.title, "version": initiative.version}
    first = client.post(url("edit_idea", initiative), {**form, "problem": "Först sparat"})
    assert first.status_code == 302
    second = client.post(url("edit_idea", initiative), {**form, "problem": "Andra versionen"})
    html = second.content.decode()
    assert second.status_code == 200
    assert "Andra versionen" in html  # what the second person typed is still in the form
    assert 'class="error-summary"' in html
    initiative.refresh_from_db()
    assert initiative.problem == "Först sparat" and initiative.version == 2


def test_second_concurrent_proposal_save_is_refused(client, people, make_initiative):
    initiative = make_initiative("underlag")
    writer, coordinator = people["local_coordinator"], people["county_coordinator"]
    client.force_login(writer)
    opened = page_form(client, url("proposal", initiative))
    client.force_login(coordinator)
    first = client.post(url("proposal", initiative), opened | {"purpose": "Länssamordnarens text"})
    assert first.status_code == 302
    client.force_login(writer)
    response = client.post(
        url("proposal", initiative), opened | {"purpose": "Lokala samordnarens text"}
    )
    assert response.status_code == 200
    assert "Lokala samordnarens text" in response.content.decode()
    assert Proposal.objects.get(initiative=initiative).purpose == "Länssamordnarens text"


def test_transition_page_takes_step_and_shows_unmet_gates(client, people, make_initiative):
    initiative = make_initiative("radgivning")
    client.force_login(people["initiator"])
    submit = via(initiative, "inskickad")
    html = client.get(url("transition", initiative, submit.pk)).content.decode()
    assert "Idébeskrivningen saknar" in html
    assert client.post(url("transition", initiative, submit.pk)).status_code == 200
    complete_idea(initiative, people["initiator"])
    response = client.post(url("transition", initiative, submit.pk), {"comment": "Klar"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage.key == "inskickad"
    html = client.get(url("detail", initiative)).content.decode()
    assert "från Rådgivning till Inskickad" in html and "Klar" in html


def test_transition_by_role_not_allowed_is_403(client, people, make_initiative):
    initiative = make_initiative("inskickad")
    client.force_login(people["initiator"])
    forward = via(initiative, "samordningsgrupp")
    # Not offered on the initiative page, and refused by its address.
    section = next_steps(client.get(url("detail", initiative)).content.decode())
    assert not section.xpath(f".//form[@action='{url('transition', initiative, forward.pk)}']")
    assert forward.display_name not in section.text_content()
    assert client.get(url("transition", initiative, forward.pk)).status_code == 403
    with nothing_written():
        assert client.post(url("transition", initiative, forward.pk)).status_code == 403
    initiative.refresh_from_db()
    assert initiative.stage.key == "inskickad"


def next_steps(html: str):
    """The initiative page's "Next steps" section, parsed."""
    import lxml.html

    (section,) = lxml.html.fromstring(html).xpath("//section[@id='next']")
    return section


def test_plain_step_is_taken_on_the_initiative_page(client, people, make_initiative):
    initiative = make_initiative("inskickad")
    present = via(initiative, "samordningsgrupp")
    client.force_login(people["county_coordinator"])
    section = next_steps(client.get(url("detail", initiative)).content.decode())
    (form,) = section.xpath(f".//form[@action='{url('transition', initiative, present.pk)}']")
    assert form.get("method") == "post" and form.xpath(".//input[@name='csrfmiddlewaretoken']")
    assert [b.text_content() for b in form.xpath(".//button")] == [present.display_name]
    # The optional comment behind a disclosure, labelled.
    (textarea,) = form.xpath(".//details//textarea[@name='comment']")
    assert form.xpath(f".//label[@for='{textarea.get('id')}']")
    assert textarea.get("required") is None

    response = client.post(url("transition", initiative, present.pk), {"comment": "Till mötet"})
    assert response.status_code == 302 and response.url == url("detail", initiative)
    initiative.refresh_from_db()
    assert initiative.stage.key == "samordningsgrupp"
    change = initiative.stage_changes.get()
    assert change.comment == "Till mötet" and change.actor == people["county_coordinator"]


def test_a_step_sent_twice_moves_once_and_says_so(client, people, make_initiative):
    initiative = make_initiative("inskickad")
    present = via(initiative, "samordningsgrupp")
    client.force_login(people["county_coordinator"])
    step = url("transition", initiative, present.pk)
    assert client.post(step, {"comment": "Till mötet"}, follow=True).status_code == 200
    # The same form again (a double click, a reload): back to the initiative, told it is done.
    with nothing_written():
        again = client.post(step, {"comment": "Till mötet"}, follow=True)
    assert again.redirect_chain == [(url("detail", initiative), 302)]
    (told,) = again.context["messages"]
    assert present.display_name in str(told) and "Samordningsgrupp" in str(told)
    # Another comment from a second tab: nothing recorded, said so, what was typed kept.
    with nothing_written():
        other = client.post(step, {"comment": "Från andra fliken"})
    html = other.content.decode()
    assert other.status_code == 200 and 'id="moved-on-title"' in html
    assert "Från andra fliken" in html
    initiative.refresh_from_db()
    assert initiative.stage.key == "samordningsgrupp" and initiative.stage_changes.count() == 1


def test_a_step_that_requires_a_comment_refuses_an_empty_one(client, people, make_initiative):
    initiative = make_initiative("radgivning")
    back = via(initiative, "ide")
    assert back.comment_required
    client.force_login(people["county_coordinator"])
    section = next_steps(client.get(url("detail", initiative)).content.decode())
    (form,) = section.xpath(f".//form[@action='{url('transition', initiative, back.pk)}']")
    # Shown, not behind a disclosure, and marked as required.
    (textarea,) = form.xpath(".//textarea[@name='comment']")
    assert not form.xpath(".//details") and textarea.get("required") is not None
    assert form.xpath(f".//label[@for='{textarea.get('id')}']")

    with nothing_written():
        response = client.post(url("transition", initiative, back.pk), {"comment": "  "})
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_comment"' in html
    (field,) = lxml_fields(html, "comment")
    assert field.xpath(".//*[contains(@class, 'errorlist')]")
    initiative.refresh_from_db()
    assert initiative.stage.key == "radgivning"
    response = client.post(url("transition", initiative, back.pk), {"comment": "Behöver mer"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage.key == "ide"


def lxml_fields(html: str, name: str):
    """The field groups holding the input named `name`."""
    import lxml.html

    return lxml.html.fromstring(html).xpath(
        f"//main//div[.//*[@name='{name}']][not(.//div[.//*[@name='{name}']])]"
    )


def test_step_of_another_region_is_404(client, charlie, people, make_initiative):
    initiative = make_initiative("inskickad")
    present = via(initiative, "samordningsgrupp")
    client.force_login(charlie)
    with nothing_written():
        assert client.post(url("transition", initiative, present.pk)).status_code == 404
    initiative.refresh_from_db()
    assert initiative.stage.key == "inskickad"


def test_lsvo_and_director_record_through_pages(
    client, people, make_initiative, karlskrona, regional_org
):
    initiative = make_initiative("rekommendation")
    client.force_login(people["lsvo_member"])
    recommend = via(initiative, "beslut", "recommend")
    response = client.post(
        url("recommend", initiative, recommend.pk),
        {"rationale": "Bra", "meeting_date": "2026-11-20"},
    )
    assert response.status_code == 302
    client.force_login(people["regional_director"])
    initiative.refresh_from_db()
    approve = via(initiative, "genomforande", "approved")
    response = client.post(
        url("decide", initiative, approve.pk),
        {
            "registration_number": "RB 2026/77",
            "decided_on": "2026-11-21",
            "budget": "1 200 000",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_follow_up_plan"' in html
    assert 'value="RB 2026/77"' in html
    response = client.post(
        url("decide", initiative, approve.pk),
        {
            "registration_number": "RB 2026/77",
            "decided_on": "2026-11-21",
            "budget": "1 200 000",
            "follow_up_plan": "Halvårsvis",
        },
    )
    assert response.status_code == 302
    html = client.get(url("detail", initiative)).content.decode()
    assert "Beslut RB 2026/77: Beviljad" in html and "1\xa0200\xa0000,00\xa0kr" in html


@pytest.mark.parametrize("name", ["detail", "edit_idea", "participants", "criteria", "proposal"])
def test_other_region_user_gets_404(client, charlie, make_initiative, name):
    initiative = make_initiative()
    client.force_login(charlie)
    response = client.get(url(name, initiative))
    assert response.status_code == 404
    assert initiative.title not in response.content.decode()


def test_other_region_pipeline_is_404_and_anonymous_goes_to_login(client, charlie, make_initiative):
    initiative = make_initiative()
    client.force_login(charlie)
    assert client.get(reverse("initiatives:pipeline", args=["blekinge"])).status_code == 404
    client.logout()
    response = client.get(url("detail", initiative))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_colleague_reads_but_cannot_edit_anothers_idea(client, people, make_initiative):
    initiative = make_initiative()
    client.force_login(people["analyst"])
    assert initiative.title in client.get(url("detail", initiative)).content.decode()
    assert client.get(url("edit_idea", initiative)).status_code == 403


def test_pipeline_groups_by_stage_filters_and_searches(client, people, make_initiative):
    make_initiative("ide", title="Ensamhet bland äldre")
    make_initiative("underlag", title="Mobilt team", problem="samsjuklighet i glesbygd")
    client.force_login(people["county_coordinator"])
    pipeline = reverse("initiatives:pipeline", args=["blekinge"])
    html = client.get(pipeline).content.decode()
    assert html.index("Ensamhet bland äldre") < html.index("Mobilt team")
    html = client.get(pipeline, {"q": "glesbygd"}).content.decode()
    assert "Mobilt team" in html and "Ensamhet bland äldre" not in html


def test_waiting_for_me_on_start_page(client, people, make_initiative):
    make_initiative("rekommendation", title="Väntar på LSVO")
    make_initiative("ide", title="Ett utkast")
    client.force_login(people["lsvo_member"])
    html = client.get(reverse("start:start")).content.decode()
    assert "Väntar på LSVO" in html and "Ett utkast" not in html
    client.force_login(people["initiator"])
    html = client.get(reverse("start:start")).content.decode()
    assert "Ett utkast" in html and "Väntar på LSVO" not in html


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_pipeline_query_count_same_for_1_and_50(client, people, make_initiative):
    client.force_login(people["county_coordinator"])
    make_initiative("ide")
    pipeline = reverse("initiatives:pipeline", args=["blekinge"])
    one = count_queries(client, pipeline)
    for n in range(49):
        make_initiative(["ide", "underlag", "genomforande"][n % 3], title=f"Satsning {n}")
    assert count_queries(client, pipeline) == one


def test_initiative_page_query_count_same_for_1_and_50(
    client, people, make_initiative, karlskrona, regional_org
):
    client.force_login(people["county_coordinator"])
    initiative = make_initiative("underlag")
    add_both_kinds(initiative, people["county_coordinator"], karlskrona, regional_org)
    assess_everything(initiative, people["county_coordinator"])
    write_proposal(initiative, people["county_coordinator"])
    one = count_queries(client, url("detail", initiative))
    for n in range(49):
        make_initiative("underlag", title=f"Satsning {n}")
    assert count_queries(client, url("detail", initiative)) == one


def test_initiative_page_links_the_decision_documents(client, people, make_initiative):
    from pusselbit.initiatives import domain

    initiative = make_initiative("beslut")
    decision = domain.record_decision(
        initiative,
        via(initiative, "genomforande", "approved"),
        actor=people["regional_director"],
        decided_on=datetime.date(2026, 11, 1),
        registration_number="RB 2026/5",
        budget=Decimal("100"),
        follow_up_plan="Kvartalsvis",
    )
    client.force_login(people["analyst"])
    html = client.get(url("detail", initiative)).content.decode()
    pdf = reverse("initiatives:decision_pdf", args=["blekinge", decision.pk])
    assert f'href="{pdf}"' in html
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"


@pytest.mark.parametrize("query", ["Ångest", "ÅNGEST", "ångest"])
def test_pipeline_search_folds_swedish_capitals(client, people, make_initiative, query):
    make_initiative("ide", title="Ångest hos unga")
    make_initiative("underlag", title="Mobilt team", problem="oro och ångest i glesbygd")
    make_initiative("ide", title="Ensamhet bland äldre")
    client.force_login(people["county_coordinator"])
    html = client.get(reverse("initiatives:pipeline", args=["blekinge"]), {"q": query}).content
    html = html.decode()
    assert "Ångest hos unga" in html and "Mobilt team" in html
    assert "Ensamhet bland äldre" not in html
