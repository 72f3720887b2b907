"""The documents a region sends, as the people who receive them would check them: the
samsjuklighet assignment document (VG 2020 seed) and a decision, each as PDF and as Word, with
every section, the funds table to the krona, the timeline, and a tagged PDF (PDF/UA-1)."""

import datetime
import io
import sys
from decimal import Decimal

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from pusselbit.accounts.models import User
from pusselbit.assignments import domain as assignments
from pusselbit.assignments.models import Assignment
from pusselbit.core.formatting import format_whole_kronor
from pusselbit.documents.context import Items, Text, format_extent, text_blocks
from pusselbit.initiatives import domain as initiatives
from pusselbit.initiatives.models import Decision
from pusselbit.organisations.models import Region
from tests.downloads import docx_download, pdf_download

SECTIONS = [
    "Bakgrund",
    "De mål som berörs i handlingsplanen",
    "Aktivitet",
    "Syfte",
    "Uppdraget ska utgå från",
    "Övergripande uppdrag",
    "Exempel på aktiviteter",
    "Avrapportering",
    "Organisation",
    "Medel",
    "Tidplan",
]
TITLE = "Koordinatörer för samverkan kring personer med samsjuklighet"
FILENAME = "uppdragshandling-koordinatorer-for-samverkan-kring-personer-med-samsjuklighet"
COORDINATOR = "vastra-gotaland-lanssamordnare"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def demo(demo_once, db):
    """The demo, built once for the module; each test's changes are rolled back after it."""


@pytest.fixture
def samsjuklighet(demo):
    return Assignment.objects.get(region__slug="vastra-gotaland", title=TITLE)


@pytest.fixture
def decision(demo):
    """Dalarna's decision on "Samtalsstöd inom en vecka för unga vuxna": 650 000 kr committed
    from the ÖK 2020 funds (the demo's library has decisions in Dalarna too)."""
    return Decision.objects.get(
        initiative__region__slug="dalarna",
        initiative__title="Samtalsstöd inom en vecka för unga vuxna",
    )


def user(username) -> User:
    return User.objects.get(username=username)


def signed_in(client, username):
    client.force_login(user(username))
    return client


def assignment_url(name, assignment) -> str:
    name = name.replace("assignment_", "document_")  # assignments:document_pdf
    return reverse(f"assignments:{name}", args=[assignment.region.slug, assignment.pk])


def decision_url(name, decision) -> str:
    return reverse(f"initiatives:{name}", args=[decision.initiative.region.slug, decision.pk])


def words(text: str) -> str:
    """Whitespace as single spaces: lines wrap, and money has non-breaking spaces."""
    return " ".join(text.split())


def pdf_lines(content: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(content)).pages
    return [words(line) for page in pages for line in page.extract_text().splitlines()]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_lines(content))


def docx_text(document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return words(" ".join(parts))


def structure(reader: PdfReader) -> list[str]:
    """The structure types of the PDF's structure tree, depth first (H1, H2, Table, TH…)."""
    types = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and node.get("/Type") != "/OBJR":
            if "/S" in node:
                types.append(str(node["/S"])[1:])
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return types


def expected_funds(assignment) -> list[tuple[str, str]]:
    """(recipient, amount) as the document must show them: whole kronor, pooled part first."""
    shares = sorted(assignment.allocation.shares.all(), key=lambda s: (not s.pooled, -s.amount))
    return [(s.recipient.name, format_whole_kronor(s.amount, language="sv")) for s in shares]


# The assignment document -----------------------------------------------------------------------
def test_assignment_docx_has_every_section_the_funds_table_and_the_timeline(client, samsjuklighet):
    response = signed_in(client, COORDINATOR).get(assignment_url("assignment_docx", samsjuklighet))

    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}.docx"'
    document = docx.Document(io.BytesIO(response.content))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].style.name == "Heading 1"
    assert words(headings[0].text) == f"Uppdragshandling {TITLE}"
    assert [h.text for h in headings[1:]] == SECTIONS
    assert {h.style.name for h in headings[1:]} == {"Heading 2"}

    funds = next(t for t in document.tables if t.rows[0].cells[0].text == "Mottagare")
    rows = [[words(cell.text) for cell in row.cells] for row in funds.rows]
    assert rows[0] == ["Mottagare", "Belopp"]
    recipients = expected_funds(samsjuklighet)
    assert [(name.split(" Gemensam del")[0], amount) for name, amount in rows[1:-1]] == [
        (name, words(amount)) for name, amount in recipients
    ]
    assert len(recipients) == 5  # the region's pooled coordinator and the four associations
    assert rows[1][0] == (
        "Västra Götalandsregionen Gemensam del: Koordinator för Västra Götalandsregionen"
    )
    assert rows[-1] == ["Summa", "2 000 000 kr"]
    header = funds.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"

    text = docx_text(document)
    for milestone in samsjuklighet.milestones.all():
        assert words(f"{milestone.when}: {milestone.text}") in text
    assert text.index("Vår 2020:") < text.index("Höst 2020:") < text.index("Vår 2021:")
    assert "Koordinator för Västra Götalandsregionen Västra Götalandsregionen 1,0 tjänst" in text
    assert "Göteborg 2020-05-06" in text
    assert "Anneli Assmundson Bjerde VästKom" in text
    assert "Mål 4:2 för vuxna:" in text


def test_assignment_docx_is_swedish_a4_with_a_title(client, samsjuklighet):
    response = signed_in(client, COORDINATOR).get(assignment_url("assignment_docx", samsjuklighet))

    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == f"Uppdragshandling – {TITLE}"
    assert document.core_properties.language == "sv-SE"
    normal = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal.get(qn("w:val")) == "sv-SE"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_assignment_pdf_text_has_every_section_the_funds_table_and_the_timeline(
    client, samsjuklighet
):
    response = signed_in(client, COORDINATOR).get(assignment_url("assignment_pdf", samsjuklighet))

    assert response.status_code == 200
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}.pdf"'
    lines = pdf_lines(response.content)
    text = " ".join(lines)
    assert f"Uppdragshandling {TITLE}" in text
    assert "Medel för samverkan från 2019 års överenskommelse psykisk hälsa" in text
    positions = [lines.index(heading) for heading in SECTIONS]  # each heading a line of its own
    assert positions == sorted(positions)
    table = text[text.index("Mottagare Belopp") :]
    for name, amount in expected_funds(samsjuklighet):
        assert words(f"{name}") in table
        assert words(amount) in table
    assert "Summa 2 000 000 kr" in table
    for milestone in samsjuklighet.milestones.all():
        assert words(f"{milestone.when}: {milestone.text}") in text
    assert "Lise-Lotte Risö Bergerlind Västra Götalandsregionen" in text


def test_assignment_pdf_is_tagged_swedish_and_titled(client, samsjuklighet):
    response = signed_in(client, COORDINATOR).get(assignment_url("assignment_pdf", samsjuklighet))

    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"Uppdragshandling – {TITLE}"
    types = structure(reader)
    assert types.count("H1") == 1
    assert types.count("H2") == len(SECTIONS)
    assert types.count("Table") == 3  # positions, reporting lines, funds
    assert {"TH", "TD", "TR", "THead", "TBody", "Caption", "L", "LI"} <= set(types)
    assert "Figure" not in types  # no text as images


def test_a_colleague_of_another_role_downloads_too(client, samsjuklighet):
    signed_in(client, "vastra-gotaland-ekonom")

    pdf = client.get(assignment_url("assignment_pdf", samsjuklighet))
    pdf_download(pdf)  # 200, application/pdf, an attachment pypdf opens
    assert TITLE in pdf_text(pdf.content)
    word = docx_download(client.get(assignment_url("assignment_docx", samsjuklighet)))
    assert TITLE in docx_text(word)


def test_a_draft_assignment_says_it_is_not_adopted(client, demo):
    region = Region.objects.get(slug="vastra-gotaland")
    draft = assignments.create_assignment(
        region,
        actor=user(COORDINATOR),
        place="Vänersborg",
        dated=datetime.date(2026, 11, 1),
        title="Stöd till anhöriga",
        background="Anhöriga behöver stöd.\n\n- Samtal\n- Utbildning",
        purpose="Att stödja anhöriga.",
        organisation_text="Styrgruppen följer arbetet.",
    )
    assignments.add_position(draft, actor=user(COORDINATOR), title="Samordnare", extent="0.5")

    document = docx.Document(
        io.BytesIO(
            signed_in(client, COORDINATOR).get(assignment_url("assignment_docx", draft)).content
        )
    )
    text = docx_text(document)
    assert "Utkast: uppdragshandlingen är ännu inte fastställd." in text
    assert "Samordnare – 0,5 tjänst" in text
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == [
        "Samtal",
        "Utbildning",
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Bakgrund", "Aktivitet", "Syfte", "Organisation"]


def test_the_document_takes_the_same_queries_however_many_parts(client, demo):
    region = Region.objects.get(slug="vastra-gotaland")
    coordinator = user(COORDINATOR)
    draft = assignments.create_assignment(
        region,
        actor=coordinator,
        place="Vänersborg",
        dated=datetime.date(2026, 11, 1),
        title="Stöd till anhöriga",
        background="Anhöriga behöver stöd.",
        purpose="Att stödja anhöriga.",
        organisation_text="Styrgruppen följer arbetet.",
        goals=region.action_plans.first().goals.all()[:1],
        allocation=Assignment.objects.get(region=region, title=TITLE).allocation,
    )

    def add_parts(count) -> None:
        for n in range(count):
            assignments.add_position(draft, actor=coordinator, title=f"Tjänst {n}", extent="1")
            assignments.add_point(draft, actor=coordinator, kind="example", text=f"Exempel {n}")
            assignments.add_reporting_line(
                draft, actor=coordinator, to_whom=f"Grupp {n}", how_often="Varje kvartal"
            )
            assignments.add_milestone(
                draft, actor=coordinator, season="spring", year=2027 + n, text=f"Steg {n}"
            )
            assignments.add_signatory(
                draft, actor=coordinator, name=f"Namn {n}", organisation="VGR"
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(assignment_url("assignment_docx", draft))
        assert response.status_code == 200
        return len(captured)

    signed_in(client, COORDINATOR)
    add_parts(1)
    with_one = queries()
    add_parts(20)
    assert queries() == with_one


# The decision document ---------------------------------------------------------------------
def test_decision_pdf_and_docx_state_the_decision_with_its_registration_number(client, decision):
    signed_in(client, "dalarna-lanssamordnare")
    pdf = client.get(decision_url("decision_pdf", decision))
    word = client.get(decision_url("decision_docx", decision))

    assert pdf["Content-Type"] == PDF and word["Content-Type"] == DOCX
    number = decision.registration_number  # the demo's: region code, year, initiative id
    filename = (
        f"beslut-{slugify(number.replace('/', '-'))}-samtalsstod-inom-en-vecka-for-unga-vuxna"
    )
    assert pdf["Content-Disposition"] == f'attachment; filename="{filename}.pdf"'
    assert word["Content-Disposition"] == f'attachment; filename="{filename}.docx"'
    for text in [pdf_text(pdf.content), docx_text(docx.Document(io.BytesIO(word.content)))]:
        assert f"Diarienummer: {number}" in text
        assert "Utfall: Beviljad" in text
        assert "Beslutad budget: 650 000,00 kr" in text
        assert "Beslutsdatum: 16 mars 2020" in text
        committed = text[text.index("Medel som beslutet tar i anspråk") :]
        for cell in ["ÖK 2020", "Stärka det suicidpreventiva", "Region", "Summa 650 000,00 kr"]:
            assert cell in committed
        assert "LSVO tillstyrkte vid sitt möte den" in text
        assert "Rättelse" not in text
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert "H1" in structure(reader)


def test_a_correction_names_the_decision_it_replaces_and_the_old_one_stays_as_registered(
    client, decision
):
    signed_in(client, "dalarna-lanssamordnare")
    registered = client.get(decision_url("decision_docx", decision)).content
    correction = initiatives.correct_decision(
        decision,
        actor=user("dalarna-regiondirektor"),
        reason="Budgeten var felskriven.",
        decided_on=datetime.date(2020, 4, 1),
        registration_number="20-2020/9",
        budget=Decimal("600000.00"),
        follow_up_plan="Halvårsvis till styrgruppen.",
    )

    corrected = pdf_text(client.get(decision_url("decision_pdf", correction)).content)
    assert f"Rättelse av beslut {decision.registration_number} av den 16 mars 2020." in corrected
    assert "Beslutad budget: 600 000,00 kr" in corrected
    assert "Motivering Budgeten var felskriven." in corrected
    old = docx_text(
        docx.Document(io.BytesIO(client.get(decision_url("decision_docx", decision)).content))
    )
    # The registered decision's file never changes; its page says what happened since.
    assert old == docx_text(docx.Document(io.BytesIO(registered)))
    assert "Ersatt" not in old
    page = client.get(
        reverse(
            "initiatives:detail", args=[decision.initiative.region.slug, decision.initiative.pk]
        )
    ).content.decode()
    assert "Ersatt av beslut 20-2020/9." in page


# Who may download ------------------------------------------------------------------------------
def test_another_regions_user_gets_404_for_every_document(client, samsjuklighet, decision):
    signed_in(client, "blekinge-lanssamordnare")
    urls = [
        assignment_url("assignment_pdf", samsjuklighet),
        assignment_url("assignment_docx", samsjuklighet),
        decision_url("decision_pdf", decision),
        decision_url("decision_docx", decision),
        # Their own region's address with another region's document is a 404 too.
        reverse("assignments:document_pdf", args=["blekinge", samsjuklighet.pk]),
        reverse("initiatives:decision_docx", args=["blekinge", decision.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_anonymous_is_sent_to_sign_in(client, samsjuklighet, decision):
    response = client.get(assignment_url("assignment_pdf", samsjuklighet))
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    response = client.get(decision_url("decision_docx", decision))
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_without_weasyprint_the_pdf_answers_503_and_word_still_works(
    client, samsjuklighet, monkeypatch
):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint → ImportError
    signed_in(client, COORDINATOR)

    response = client.get(
        assignment_url("assignment_pdf", samsjuklighet), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "WeasyPrint" in response.content.decode()
    assert "Word" in response.content.decode()
    word = docx_download(client.get(assignment_url("assignment_docx", samsjuklighet)))
    assert TITLE in docx_text(word)


# The text of documents -------------------------------------------------------------------------
def test_text_becomes_paragraphs_and_lists():
    blocks = text_blocks(
        "Första stycket\nmed en radbrytning.\n\n- ett\n- två\n\n1. först\n2. sen\n"
    )

    assert blocks == [
        Text("Första stycket\nmed en radbrytning."),
        Items([Text("ett"), Text("två")]),
        Items([Text("först"), Text("sen")], ordered=True),
    ]


@pytest.mark.parametrize(
    ("extent", "shown"),
    [
        ("1.00", "1,0 tjänst"),
        ("0.50", "0,5 tjänst"),
        ("0.75", "0,75 tjänst"),
        ("2", "2,0 tjänster"),
    ],
)
def test_extent_is_shown_in_posts(extent, shown):
    assert format_extent(Decimal(extent)) == shown


def test_text_pasted_with_control_characters_still_makes_both_documents():
    """A vertical tab or form feed pasted from a word processor made python-docx refuse the
    whole Word file; such characters are left out of both documents, the text kept."""
    from pusselbit.documents.context import Document, DocumentSection, Table
    from pusselbit.documents.pdf import render_pdf
    from pusselbit.documents.word import render_docx

    pasted = "Första\x0bstycket\x0cslut\x00"
    document = Document(
        title=f"Beslut {pasted}",
        kind="Beslut",
        name=pasted,
        sender="Region Blekinge",
        dated=datetime.date(2026, 11, 30),
        sections=[
            DocumentSection(
                heading=pasted,
                blocks=[Text(pasted, lead=pasted), Table("Tabell", ["A", "B"], [[pasted, "1"]])],
            )
        ],
    )

    word = docx.Document(io.BytesIO(render_docx(document)))
    assert "Förstastycketslut" in docx_text(word)
    assert "Förstastycketslut" in pdf_text(render_pdf(document, "documents/assignment.html"))


def test_vastra_gotaland_document_states_the_seeds_rate_date_and_amounts(client, samsjuklighet):
    """Issue 11, point 2: the seed's split "(0,580 kr/inv. per 1/11–19)" with its four amounts,
    shipped as a manual table that keeps the per-capita sentence and names its source."""
    response = signed_in(client, COORDINATOR).get(assignment_url("assignment_docx", samsjuklighet))
    text = docx_text(docx.Document(io.BytesIO(response.content)))
    assert "Av medlen fördelas 1 000 000 kr enligt följande (0,580 kr/inv. per 1/11–19)." in text
    for name, amount in [
        ("Göteborgsregionens kommunalförbund (GR)", "554 579 kr"),
        ("Fyrbodals kommunalförbund", "158 831 kr"),
        ("Skaraborgs kommunalförbund", "155 594 kr"),
        ("Boråsregionen Sjuhärads kommunalförbund", "130 996 kr"),
    ]:
        assert f"{name} {amount}" in text
    pdf = pdf_text(
        signed_in(client, COORDINATOR).get(assignment_url("assignment_pdf", samsjuklighet)).content
    )
    assert "(0,580 kr/inv. per 1/11–19)" in pdf and "554 579 kr" in pdf
    allocation = samsjuklighet.allocation
    assert allocation.key == "manual" and "1 november 2019" in allocation.source
