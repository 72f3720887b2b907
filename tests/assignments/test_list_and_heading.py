"""The assignment list is newest first, as its caption says, and a title that begins with
"Uppdragshandling" does not print the word twice in the document."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from pusselbit.assignments import domain
from pusselbit.assignments.document import assignment_document
from pusselbit.plans.domain import add_goal, create_plan
from tests.factories import MembershipFactory, RegionFactory

pytestmark = pytest.mark.django_db

SEED_TITLE = "Uppdragshandling koordinatorer för samverkan kring personer med samsjuklighet"


@pytest.fixture
def vg(db):
    return RegionFactory(code="14", name="Västra Götalandsregionen", slug="vastra-gotaland")


@pytest.fixture
def coordinator(vg):
    return MembershipFactory(region=vg, role="county_coordinator", user__username="lsam").user


def make(region, title, dated):
    return domain.create_assignment(
        region, actor=None, place="Göteborg", dated=dated, title=title, purpose="Syfte"
    )


def test_assignment_list_shows_the_newest_first(client, vg, coordinator):
    make(vg, "Brukarsamverkan 2018", datetime.date(2018, 10, 1))
    make(vg, "Samsjuklighet 2020", datetime.date(2020, 5, 6))
    make(vg, "Suicidprevention 2019", datetime.date(2019, 3, 1))
    client.force_login(coordinator)
    page = client.get(reverse("assignments:list", args=[vg.slug])).content.decode()
    titles = ("Samsjuklighet 2020", "Suicidprevention 2019", "Brukarsamverkan 2018")
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions), "newest first"


def test_title_beginning_with_uppdragshandling_says_the_word_once(client, vg, coordinator):
    assignment = make(vg, SEED_TITLE, datetime.date(2020, 5, 6))
    document = assignment_document(assignment)
    heading = f"{document.kind} {document.name}"
    assert heading == SEED_TITLE
    assert document.title == SEED_TITLE
    client.force_login(coordinator)
    content = client.get(
        reverse("assignments:document_docx", args=[vg.slug, assignment.pk])
    ).content
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert not any(text.count("Uppdragshandling") > 1 for text in paragraphs), paragraphs
    assert " ".join(" ".join(paragraphs).split()).count("Uppdragshandling") == 1


def test_other_titles_keep_the_kind_before_them(vg):
    assignment = make(vg, "Koordinatorer för samsjuklighet", datetime.date(2020, 5, 6))
    document = assignment_document(assignment)
    assert (document.kind, document.name) == ("Uppdragshandling", assignment.title)
    assert document.title == "Uppdragshandling – Koordinatorer för samsjuklighet"


def test_english_page_shows_model_words_in_english_and_the_document_stays_swedish(
    client, vg, coordinator
):
    plan = create_plan(vg, "Handlingsplan psykisk hälsa 2018–2020", 2018, 2020, actor=None)
    goal = add_goal(
        plan,
        plan.focus_areas.get(number=4),
        "4.2",
        "Integrerade insatser",
        actor=None,
        target_group="för vuxna",
    )
    assignment = domain.create_assignment(
        vg,
        actor=None,
        place="Göteborg",
        dated=datetime.date(2020, 5, 6),
        title="Koordinatorer",
        purpose="Syfte",
        goals=[goal],
    )
    domain.add_position(assignment, actor=None, title="Koordinator", extent="1.0")
    domain.add_milestone(assignment, actor=None, season="spring", year=2020, text="Start")
    domain.add_milestone(assignment, actor=None, season="autumn", year=2020, text="Rapport")
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("assignments:detail", args=[vg.slug, assignment.pk]))
    text = page.content.decode().replace("\xa0", " ")
    assert "Spring 2020" in text and "Autumn 2020" in text and "Vår 2020" not in text
    assert "1,0 position" in text and "tjänst" not in text
    assert "Goal 4.2 för vuxna" in text and "Mål 4.2" not in text
    content = client.get(
        reverse("assignments:document_docx", args=[vg.slug, assignment.pk])
    ).content
    document = " ".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    tables = " ".join(
        cell.text
        for table in docx.Document(io.BytesIO(content)).tables
        for row in table.rows
        for cell in row.cells
    )
    words = " ".join(f"{document} {tables}".split())
    assert "Vår 2020" in words and "Höst 2020" in words and "Spring" not in words
    assert "1,0 tjänst" in words and "Mål 4.2 för vuxna" in words
