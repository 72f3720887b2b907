"""How the documents look on the page, checked against the VG seeds and PDF/UA: the letterhead
names VästKom beside the region, the five focus areas stay a numbered list and the footnote is
kept, the goals come in the seed's order, every page says "Sida N av M" (in the PDF as a
pagination artifact, outside the structure tree; in Word as page fields), and the compiled
county report's money table fits its pages."""

import dataclasses
import datetime
import io
import re

import docx
import pikepdf
import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from pypdf import PdfReader

from pusselbit.accounts.models import User
from pusselbit.assignments.document import assignment_document
from pusselbit.assignments.models import Assignment
from pusselbit.assignments.views.downloads import TEMPLATE as ASSIGNMENT_TEMPLATE
from pusselbit.assignments.views.downloads import assignment_with_parts as assignment_for
from pusselbit.documents.context import (
    Document,
    DocumentSection,
    Items,
    Table,
    Text,
    text_blocks,
)
from pusselbit.documents.pdf import render_pdf
from pusselbit.documents.snapshot import from_data, to_data
from pusselbit.documents.word import render_docx
from pusselbit.reporting.county_report import compiled_document
from pusselbit.reporting.models import Requirement

BRUKARSAMVERKAN = "Statsbidrag för att stärka brukarsamverkan"
SAMSJUKLIGHET = "Koordinatörer för samverkan kring personer med samsjuklighet"
FOCUS_AREAS = [
    "Förebyggande och främjande arbete",
    "Tillgängliga tidiga insatser",
    "Enskildas delaktighet och rättigheter",
    "Utsatta grupper",
    "Ledning, styrning och organisation",
]
FOOTNOTE = "¹ Handlingsplan för psykisk hälsa 2018–2020"
COORDINATOR = "vastra-gotaland-lanssamordnare"


@pytest.fixture
def vg(demo_once, db, client):
    client.force_login(User.objects.get(username=COORDINATOR))
    return client


def assignment(title) -> Assignment:
    return Assignment.objects.get(region__slug="vastra-gotaland", title=title)


def download(client, name, title) -> bytes:
    found = assignment(title)
    name = name.replace("assignment_", "document_")  # assignments:document_pdf
    response = client.get(reverse(f"assignments:{name}", args=[found.region.slug, found.pk]))
    assert response.status_code == 200
    return response.content


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_lines(content: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(content)).pages
    return [words(line) for page in pages for line in page.extract_text().splitlines()]


def docx_paragraphs(content: bytes) -> list:
    return docx.Document(io.BytesIO(content)).paragraphs


# The PDF's text, split by how it is marked ------------------------------------------------------
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def marked_text(content: bytes) -> tuple[list[str], list[str]]:
    """Per page: the text shown inside /Artifact marked content, and the text shown anywhere
    else (the tagged content), each read back by pypdf from a copy of the page that shows only
    that text."""

    def only(artifacts: bool) -> list[str]:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                kept, open_tags = [], []
                for instruction in pikepdf.parse_content_stream(page):
                    operator = str(instruction.operator)
                    if operator in ("BDC", "BMC"):
                        open_tags.append(str(instruction.operands[0]))
                    elif operator == "EMC":
                        open_tags.pop()
                    elif operator in TEXT_SHOWING and ("/Artifact" in open_tags) != artifacts:
                        continue
                    kept.append(instruction)
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
            out = io.BytesIO()
            pdf.save(out)
        return [words(page.extract_text()) for page in PdfReader(out).pages]

    return only(True), only(False)


def unreachable_structure_elements(content: bytes) -> list[str]:
    """Structure elements the parent tree names for some page content that cannot be reached
    from the structure tree's root: content tagged, but outside the tree."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root.StructTreeRoot
        reachable, stack = set(), [root.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                reachable.add(node.objgen)
                stack.append(node.get("/K"))
        numbers = root.ParentTree.Nums
        lost = []
        for position in range(1, len(numbers), 2):
            elements = numbers[position]
            elements = elements if isinstance(elements, pikepdf.Array) else [elements]
            lost += [
                str(element.S)
                for element in elements
                if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
            ]
        return lost


# Page numbers and the running header ------------------------------------------------------------
def test_every_pdf_page_says_sida_n_av_m_as_a_pagination_artifact_outside_the_structure(vg):
    content = download(vg, "assignment_pdf", SAMSJUKLIGHET)
    pages = PdfReader(io.BytesIO(content)).pages
    count = len(pages)
    assert count > 1
    artifacts, tagged = marked_text(content)
    title = f"Uppdragshandling – {SAMSJUKLIGHET}"

    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {count}" in words(page.extract_text())
        assert f"Sida {number} av {count}" in artifacts[number - 1]
        assert "Sida" not in tagged[number - 1]
    # The running header, from the second page: the title and the senders, artifacts too.
    assert title not in artifacts[0]
    for page_artifacts in artifacts[1:]:
        assert title in page_artifacts
        assert "Västra Götalandsregionen · VästKom" in page_artifacts
    assert all(title not in page for page in tagged[1:])
    # WeasyPrint's margin elements, left outside the tree, are gone with their MCIDs.
    assert unreachable_structure_elements(content) == []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        pagination = [
            instruction.operands
            for page in pdf.pages
            for instruction in pikepdf.parse_content_stream(page)
            if str(instruction.operator) == "BDC" and str(instruction.operands[0]) == "/Artifact"
        ]
        assert any(str(operands[1].get("/Type")) == "/Pagination" for operands in pagination)
        assert pdf.Root.MarkInfo.Marked


def test_word_pages_say_sida_n_av_m_in_the_footer_and_the_title_in_the_header(vg):
    word = docx.Document(io.BytesIO(download(vg, "assignment_docx", SAMSJUKLIGHET)))
    section = word.sections[0]

    for footer in (section.first_page_footer, section.footer):
        paragraph = footer.paragraphs[0]
        fields = [code.text.strip() for code in paragraph._p.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]
        assert re.fullmatch(r"Sida \d+ av \d+", paragraph.text)
    assert section.different_first_page_header_footer  # the first page has the letterhead
    assert f"Uppdragshandling – {SAMSJUKLIGHET}" in section.header.paragraphs[0].text
    assert "Västra Götalandsregionen · VästKom" in section.header.paragraphs[0].text


# The VG seeds -------------------------------------------------------------------------------------
def test_the_letterhead_names_vastkom_beside_the_region_as_the_seeds(vg):
    for title in (BRUKARSAMVERKAN, SAMSJUKLIGHET):
        lines = pdf_lines(download(vg, "assignment_pdf", title))
        assert lines[:2] == ["Västra Götalandsregionen", "VästKom"]
        letterhead = docx_paragraphs(download(vg, "assignment_docx", title))[0]
        assert letterhead.text == "Västra Götalandsregionen\nVästKom"


def test_the_focus_areas_stay_a_numbered_list_and_the_footnote_is_kept(vg):
    lines = pdf_lines(download(vg, "assignment_pdf", BRUKARSAMVERKAN))
    text = " ".join(lines)

    start = lines.index(FOCUS_AREAS[0])
    assert lines[start : start + 5] == FOCUS_AREAS  # each area a list item of its own
    assert lines[start - 1].endswith("fokusområden som regeringens:")
    assert "tagits fram¹." in text
    # The footnote ends the background, before the next section.
    assert text.index(FOOTNOTE) < text.index("De mål som berörs i handlingsplanen")
    assert text.index("besluta om användning av dessa medel.") < text.index(FOOTNOTE)

    paragraphs = docx_paragraphs(download(vg, "assignment_docx", BRUKARSAMVERKAN))
    numbered = [p.text for p in paragraphs if p.style.name == "List Number"]
    assert numbered == FOCUS_AREAS
    assert FOOTNOTE in [p.text for p in paragraphs]

    found = assignment(BRUKARSAMVERKAN)
    background = assignment_document(assignment_for(found.region, found.pk)).sections[0]
    lists = [b for b in background.blocks if isinstance(b, Items)]
    assert [(len(b.items), b.ordered) for b in lists] == [(5, True)]


def test_the_goals_come_in_the_seeds_order_adults_first(vg):
    text = " ".join(pdf_lines(download(vg, "assignment_pdf", BRUKARSAMVERKAN)))
    assert text.index("Mål 3:2 för vuxna:") < text.index("Mål 3:2 för barn och unga:")

    text = " ".join(pdf_lines(download(vg, "assignment_pdf", SAMSJUKLIGHET)))
    assert text.index("Mål 4:2 för vuxna:") < text.index("Mål 2:2 för barn och unga:")
    assert "Mål 4:2 för vuxna, Mål 2:2 för barn och unga" in text  # the reporting line's goals


# Wide tables --------------------------------------------------------------------------------------
def test_the_compiled_reports_money_table_shows_every_column_on_its_pages(demo_once, db):
    document = compiled_document(Requirement.objects.get(region__slug="dalarna"))
    money = next(
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Table) and block.caption.startswith("Medel ")
    )
    content = render_pdf(document, ASSIGNMENT_TEMPLATE)

    reader = PdfReader(io.BytesIO(content))
    table_pages = []
    for page in reader.pages:
        width, fragments = float(page.mediabox.width), []

        def seen(text, cm, tm, font, size, fragments=fragments):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                scale = abs(tm[0] * cm[0]) or 1
                fragments.append((text.strip(), x, size * scale))

        page.extract_text(visitor_text=seen)
        landscape = width > float(page.mediabox.height)
        holds_the_table = any(text == money.header[-1] for text, _, _ in fragments)
        # The money table's pages are landscape; the other sections stay on portrait pages.
        assert landscape == holds_the_table
        if holds_the_table:
            table_pages.append(words(page.extract_text()))
            # Every piece of text starts on the page and, at a narrow estimate of its glyphs'
            # width, ends on it: nothing runs off the right edge.
            for text, x, size in fragments:
                assert x >= 0 and x + 0.4 * size * len(text) <= width, (text, x, width)
            assert all(label in words(page.extract_text()) for label in money.header)
    assert table_pages
    table_text = " ".join(table_pages)
    for row in money.rows:
        for cell in row[2:]:
            assert words(cell) in table_text

    word = docx.Document(io.BytesIO(render_docx(document)))
    orientations = [section.orientation for section in word.sections]
    assert WD_ORIENT.LANDSCAPE in orientations  # the money table's section


# The text of documents ----------------------------------------------------------------------------
def test_a_line_leading_in_to_a_list_stays_a_paragraph_before_the_list():
    blocks = text_blocks("Fokusområden:\n1. Ett\n2. Två\nEfter listan.\n\n- a\n- b")

    assert blocks == [
        Text("Fokusområden:"),
        Items([Text("Ett"), Text("Två")], ordered=True),
        Text("Efter listan."),
        Items([Text("a"), Text("b")]),
    ]


def test_a_footnote_is_kept_as_a_note_after_the_text_that_calls_it():
    blocks = text_blocks("Planen är framtagen[1], se [2].\n\n[1] Handlingsplan 2018–2020\n\nSlut.")

    assert blocks == [
        Text("Planen är framtagen¹, se [2]."),  # no footnote 2: left as written
        Text("Slut."),
        Text("¹ Handlingsplan 2018–2020", note=True),
    ]


def test_the_new_layout_fields_are_kept_in_a_documents_record():
    document = Document(
        title="Uppdragshandling – Test",
        kind="Uppdragshandling",
        name="Test",
        sender="Västra Götalandsregionen",
        dated=datetime.date(2020, 5, 6),
        co_senders=["VästKom"],
        sections=[
            DocumentSection(
                "Medel",
                [Text("¹ Not", note=True), Table("Bred", ["A", "B"], [["x", "1"]], landscape=True)],
            )
        ],
    )

    assert from_data(to_data(document)) == document
    old = to_data(document)
    del old["co_senders"]
    old["sections"][0]["blocks"][1].pop("landscape")
    assert from_data(old) == dataclasses.replace(
        document,
        co_senders=[],
        sections=[
            DocumentSection(
                "Medel", [Text("¹ Not", note=True), Table("Bred", ["A", "B"], [["x", "1"]])]
            )
        ],
    )
