"""The proposal as LSVO reads it (underlag till LSVO), as PDF and Word, and an LSVO meeting's
proposals in one file, on the demo: Blekinge's "Mobilt team för personer med samsjuklighet"
waits for LSVO's recommendation, on the agenda of the demo's LSVO meeting."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.accounts.models import User
from pusselbit.initiatives import domain
from pusselbit.initiatives.domain import invitations, meetings
from pusselbit.initiatives.models import Initiative, Meeting
from tests.documents.test_documents import docx_text, pdf_text, structure, words
from tests.documents.test_layout import marked_text, unreachable_structure_elements
from tests.downloads import docx_download, pdf_download

TITLE = "Mobilt team för personer med samsjuklighet"
SECOND = "Suicidpreventiv utbildning för skolpersonal"
COORDINATOR = "blekinge-lanssamordnare"
HEADINGS = [
    "Satsningen",
    "Idébeskrivning i korthet",
    "Bakgrund",
    "Syfte",
    "Mål",
    "Programlogik",
    "Evidens och beprövad erfarenhet",
    "Utvärderingsplan",
    "Rapporteringsplan",
    "Implementeringsplan",
    "Ekonomiska effekter",
    "Deltagare",
    "Effektmått",
    "Budget",
    "Bedömning mot kriterierna",
    "Beredning",
    "Rådgivning",
]


@pytest.fixture
def demo(demo_once, db):
    """The demo, built once for the module; each test's changes are rolled back after it."""


@pytest.fixture
def waiting(demo):
    return Initiative.objects.get(region__slug="blekinge", title=TITLE)


@pytest.fixture
def lsvo_meeting(demo):
    return Meeting.objects.get(region__slug="blekinge", kind="lsvo")


def user(username) -> User:
    return User.objects.get(username=username)


def signed_in(client, username="blekinge-lsvo"):
    client.force_login(user(username))
    return client


def proposal_url(name, initiative, region_slug=None) -> str:
    return reverse(
        f"initiatives:{name}", args=[region_slug or initiative.region.slug, initiative.pk]
    )


def bundle_url(name, meeting) -> str:
    return reverse(f"initiatives:{name}", args=[meeting.region.slug, meeting.pk])


# The proposal ----------------------------------------------------------------------------------
def test_proposal_pdf_is_tagged_swedish_and_titled(client, waiting):
    reader = pdf_download(signed_in(client).get(proposal_url("proposal_pdf", waiting)))

    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"Underlag till LSVO – {TITLE}"
    types = structure(reader)
    assert types.count("H1") == 1
    assert types.count("H2") == len(HEADINGS)
    # Participants, effect measures, budget lines, budget per year, criteria, preparation.
    assert types.count("Table") == 6
    assert {"TH", "TD", "TR", "THead", "TBody", "Caption"} <= set(types)
    assert "Figure" not in types


def test_proposal_pdf_says_when_it_was_printed_and_what_it_holds(client, waiting):
    response = signed_in(client).get(proposal_url("proposal_pdf", waiting))

    filename = "underlag-till-lsvo-mobilt-team-for-personer-med-samsjuklighet"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}.pdf"'
    text = pdf_text(response.content)
    assert f"Utskrivet: {timezone.localdate().isoformat()}" in text
    assert "Det är ingen registrerad handling." in text
    assert f"Underlag till LSVO {TITLE}" in text
    assert "Personer med samsjuklighet faller mellan huvudmännens insatser." in text
    assert "Halverad väntetid till stöd inom ett år." in text
    assert "Summa 730 000,00 kr" in text
    assert "Väntetid till första samtal" in text and "45 dagar" in text and "7 dagar" in text


def test_proposal_docx_has_the_headings_and_the_budget_in_swedish_money(client, waiting):
    signed_in(client)
    word = docx_download(client.get(proposal_url("proposal_docx", waiting)))

    assert word.core_properties.title == f"Underlag till LSVO – {TITLE}"
    assert word.core_properties.language == "sv-SE"
    headings = [p for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert words(headings[0].text) == f"Underlag till LSVO {TITLE}"
    assert [h.text for h in headings[1:]] == HEADINGS

    tables = {t.rows[0].cells[1].text: t for t in word.tables if t.rows[0].cells[0].text == "År"}
    rows = [[words(cell.text) for cell in row.cells] for row in tables["Kostnad"].rows]
    assert rows == [
        ["År", "Kostnad", "Betalas med", "Belopp"],
        ["2027", "Personal", "Stimulansmedel", "650 000,00 kr"],
        ["2027", "Lokaler", "Egna medel", "80 000,00 kr"],
        ["Summa", "", "", "730 000,00 kr"],
    ]
    rows = [[words(cell.text) for cell in row.cells] for row in tables["Stimulansmedel"].rows]
    assert rows == [
        ["År", "Stimulansmedel", "Egna medel", "Summa"],
        ["2027", "650 000,00 kr", "80 000,00 kr", "730 000,00 kr"],
        ["Summa", "650 000,00 kr", "80 000,00 kr", "730 000,00 kr"],
    ]


def test_budget_sums_are_exact_to_the_ore_per_year_and_funding(client, waiting):
    writer = user("blekinge-lokal-samordnare")
    underlag = waiting.workflow.stages.get(key="underlag")
    Initiative.objects.filter(pk=waiting.pk).update(stage=underlag)  # open for writing
    waiting.refresh_from_db()
    for amount in ("0.10", "0.20"):  # 0.1 + 0.2 is not 0.3 in floating point
        domain.add_budget_line(
            waiting,
            actor=writer,
            year=2028,
            category="Handledning",
            amount=Decimal(amount),
            funding="stimulus",
        )

    signed_in(client)
    text = docx_text(docx_download(client.get(proposal_url("proposal_docx", waiting))))
    assert "2028 0,30 kr 0,00 kr 0,30 kr" in text
    assert "Summa 650 000,30 kr 80 000,00 kr 730 000,30 kr" in text


def test_criteria_reason_to_proceed_and_latest_advice_are_in_the_document(client, waiting):
    coordinator = user(COORDINATOR)
    domain.assess_criterion(
        waiting, "new_ways", "not_met", "Arbetssättet finns redan i länet.", actor=coordinator
    )
    domain.record_reason_to_proceed(
        waiting, "Länet saknar ändå ett mobilt team.", actor=coordinator
    )
    for advice in ("Äldre råd.", "Involvera brukarorganisationerna tidigt."):
        domain.give_advice(
            waiting,
            actor=coordinator,
            fits_agreement="yes",
            next_step="submit_idea",
            advice=advice,
        )

    signed_in(client)
    text = docx_text(docx_download(client.get(proposal_url("proposal_docx", waiting))))
    criterion = "Gör det möjligt att testa nya arbetssätt och metoder"
    assert f"{criterion} Inte uppfyllt Arbetssättet finns redan i länet." in text
    assert "Skäl att gå vidare trots att kriterier inte är uppfyllda: Länet saknar" in text
    assert f"för kriterierna som då inte var uppfyllda: {criterion}." in text
    assert "Råd om utformning och inriktning: Involvera brukarorganisationerna tidigt." in text
    assert "Äldre råd." not in text
    for step in ("Beredningens steg", datetime.date(2026, 10, 15).isoformat()):
        assert step in text


# Who may download ------------------------------------------------------------------------------
def test_anyone_of_the_region_downloads_the_proposal(client, waiting):
    signed_in(client, "blekinge-analytiker")
    pdf = client.get(proposal_url("proposal_pdf", waiting))
    pdf_download(pdf)  # 200, application/pdf, an attachment pypdf opens
    assert TITLE in pdf_text(pdf.content)
    assert TITLE in docx_text(docx_download(client.get(proposal_url("proposal_docx", waiting))))


def test_another_regions_proposal_is_a_404(client, waiting):
    signed_in(client, "dalarna-lanssamordnare")
    urls = [
        proposal_url("proposal_pdf", waiting),
        proposal_url("proposal_docx", waiting),
        proposal_url("proposal_docx", waiting, region_slug="dalarna"),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_anonymous_is_sent_to_sign_in(client, waiting):
    response = client.get(proposal_url("proposal_pdf", waiting))
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_no_proposal_yet_is_a_404(client, demo):
    idea = Initiative.objects.get(region__slug="blekinge", stage__key="samordningsgrupp")
    signed_in(client)
    assert client.get(proposal_url("proposal_docx", idea)).status_code == 404
    page = client.get(reverse("initiatives:detail", args=["blekinge", idea.pk])).content.decode()
    assert proposal_url("proposal_pdf", idea) not in page


def test_initiative_page_and_recommendation_form_link_the_proposal(client, waiting):
    signed_in(client)
    page = client.get(reverse("initiatives:detail", args=["blekinge", waiting.pk]))
    assert proposal_url("proposal_pdf", waiting) in page.content.decode()
    recommend = waiting.stage.outgoing.get(outcome="recommend")
    form = client.get(reverse("initiatives:recommend", args=["blekinge", waiting.pk, recommend.pk]))
    assert proposal_url("proposal_docx", waiting) in form.content.decode()


# An LSVO meeting's proposals in one file -------------------------------------------------------
def _two_on_the_agenda(meeting):
    """The second proposal put on the agenda first, so that agenda order is not the order of
    the initiatives' ids."""
    second = Initiative.objects.get(region__slug="blekinge", title=SECOND)
    coordinator = user(COORDINATOR)
    meeting.agenda.all().delete()
    meetings.add_agenda_item(meeting, second, actor=coordinator)
    meetings.add_agenda_item(
        meeting, Initiative.objects.get(region__slug="blekinge", title=TITLE), actor=coordinator
    )


def test_meeting_bundle_holds_the_agenda_then_each_proposal_in_agenda_order(client, lsvo_meeting):
    _two_on_the_agenda(lsvo_meeting)
    response = signed_in(client).get(bundle_url("meeting_proposals_pdf", lsvo_meeting))
    reader = pdf_download(response)

    assert reader.metadata.title == "Underlag till LSVO – LSVO, november"
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert structure(reader).count("H1") == 3  # the agenda and the two proposals
    text = pdf_text(response.content)
    agenda = text.index("Föredragningslista LSVO, november")
    first = text.index(f"Underlag till LSVO {SECOND}")
    assert agenda < first < text.index(f"Underlag till LSVO {TITLE}")
    assert "Ärende 1 – LSVO, november" in text and "Ärende 2 – LSVO, november" in text
    # Each proposal starts on a page of its own, under its own letterhead; the running header
    # (an artifact, as the page numbers are) names it from its second page.
    artifacts, tagged = marked_text(response.content)
    start = next(n for n, page in enumerate(tagged) if "Ärende 1 – LSVO, november" in page)
    assert tagged[start].startswith("Region Blekinge Utskrivet:")
    assert "Underlag till LSVO –" not in artifacts[start]
    assert f"Underlag till LSVO – {SECOND}" in artifacts[start + 1]
    assert all("Sida" not in page for page in tagged)
    assert unreachable_structure_elements(response.content) == []


def test_meeting_bundle_as_word_has_every_proposal_with_its_heading(client, lsvo_meeting):
    _two_on_the_agenda(lsvo_meeting)
    signed_in(client)
    word = docx_download(client.get(bundle_url("meeting_proposals_docx", lsvo_meeting)))

    titles = [words(p.text) for p in word.paragraphs if p.style.name == "Heading 1"]
    assert titles == [
        "Föredragningslista LSVO, november",
        f"Underlag till LSVO {SECOND}",
        f"Underlag till LSVO {TITLE}",
    ]
    assert [p.text for p in word.paragraphs if p.style.name == "List Number"] == [
        f"{SECOND}. Karlskrona, skede: Underlag. Underlaget följer.",
        f"{TITLE}. Karlskrona, skede: Rekommendation. Underlaget följer.",
    ]


def test_meeting_bundle_takes_the_same_queries_however_many_proposals(client, lsvo_meeting):
    signed_in(client)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(bundle_url("meeting_proposals_docx", lsvo_meeting))
        assert response.status_code == 200
        return len(captured)

    queries()  # the first request of the test reads what later ones find cached
    with_one = queries()
    _two_on_the_agenda(lsvo_meeting)
    assert queries() == with_one


def test_only_an_lsvo_meeting_has_the_bundle(client, demo):
    group = Meeting.objects.filter(region__slug="blekinge", kind="coordination_group").first()
    signed_in(client)
    assert client.get(bundle_url("meeting_proposals_pdf", group)).status_code == 404
    signed_in(client, "dalarna-lanssamordnare")
    lsvo = Meeting.objects.get(region__slug="blekinge", kind="lsvo")
    assert client.get(bundle_url("meeting_proposals_docx", lsvo)).status_code == 404


def test_lsvo_meeting_page_links_each_proposal_the_bundle_and_the_recommendation(
    client, lsvo_meeting, waiting
):
    page = signed_in(client).get(bundle_url("meeting_detail", lsvo_meeting)).content.decode()

    assert bundle_url("meeting_proposals_pdf", lsvo_meeting) in page
    assert bundle_url("meeting_proposals_docx", lsvo_meeting) in page
    assert proposal_url("proposal_pdf", waiting) in page
    for transition in waiting.stage.outgoing.filter(kind="recommendation"):
        assert (
            reverse("initiatives:recommend", args=["blekinge", waiting.pk, transition.pk]) in page
        )
    # Whoever may not recommend reads the proposals but is offered no recommendation.
    page = signed_in(client, "blekinge-analytiker").get(bundle_url("meeting_detail", lsvo_meeting))
    assert proposal_url("proposal_pdf", waiting) in page.content.decode()
    assert "/rekommendation/" not in page.content.decode()
    assert "aktorer" not in page.content.decode()  # LSVO names no actors


def test_lsvo_agenda_form_offers_the_initiatives_waiting_for_lsvo_first(
    client, lsvo_meeting, waiting
):
    lsvo_meeting.agenda.all().delete()
    page = signed_in(client, COORDINATOR).get(bundle_url("meeting_detail", lsvo_meeting))
    html = page.content.decode()
    waiting_group = html.index('<optgroup label="Väntar på LSVO:s rekommendation">')
    others = html.index('<optgroup label="Övriga öppna satsningar">')
    assert waiting_group < html.index(f"{TITLE} (Rekommendation)") < others
    assert others < html.index(f"{SECOND} (Underlag)")


def test_lsvo_meeting_names_no_actors_and_its_members_keep_notes(lsvo_meeting, waiting):
    item = lsvo_meeting.agenda.get(initiative=waiting)
    with pytest.raises(PermissionDenied):
        meetings.name_actors(item, [], actor=user(COORDINATOR))
    member = user("blekinge-lsvo")
    lsvo_meeting.invitations.filter(user=member).delete()  # a member, whether invited or not
    note = invitations.add_member_note(lsvo_meeting, "Tas upp i förvaltningen.", actor=member)
    assert list(lsvo_meeting.member_notes.all()) == [note]
    group = Meeting.objects.filter(region__slug="blekinge", kind="coordination_group").first()
    with pytest.raises(PermissionDenied):
        invitations.add_member_note(group, "Inte mitt möte.", actor=member)
