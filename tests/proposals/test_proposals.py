"""The use-of-funds proposal (issue 11, point 10): the Dalarna seed's "Förslag på användning av
medel … ÖK 2020" as a document the region writes on pages, adopts, and downloads as PDF and Word
— its amounts and reporting requirements read from the product's own data, and kept as adopted
once adopted."""

import datetime
import io
import re

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.documents.word import render_docx
from pusselbit.funds.domain import allocate_funds
from pusselbit.funds.models import Agreement, RegionFunds
from pusselbit.organisations.models import Region
from pusselbit.proposals import domain
from pusselbit.proposals.document import proposal_document
from pusselbit.proposals.enums import ProposalStatus
from pusselbit.proposals.models import Proposal
from tests.downloads import docx_download, pdf_download
from tests.funds.test_allocation_pages import (
    SEED_COUNTY_JOINT,
    SEED_COUNTY_JOINT_ROUNDED,
    SEED_MUNICIPAL,
)

pytestmark = pytest.mark.usefixtures("demo_once")

# The seed's section headings (its own numbering slips twice: 3.2.1 and 4.5 come twice; the
# document numbers them in order) and the headings of its directions.
HEADINGS = [
    "Förslag på användning av medel som riktas till kommunerna och regionerna gemensamt "
    "respektive till kommunerna enligt ÖK psykisk hälsa 2020",
    "1. Belopp",
    "Länsgemensamma medel",
    "Medel till kommunerna",
    "Region Dalarna har rekvirerat samtliga medel för Dalarnas del enligt överenskommelsen.",
    "2. Krav på redovisning",
    "3. Inriktning enligt ÖK 2020",
    "3.1 Läns gemensamma insatser",
    "3.1.1 Insatser för att skapa goda förutsättningar för samverkan – personer med samsjuklighet",
    "3.1.2 Stärka brukarmedverkan",
    "3.1.3 Stärka det suicidpreventiva arbetet på lokal och regional nivå",
    "3.1.4 Ungdomsmottagningarnas arbete med att främja psykisk hälsa",
    "3.2 Till kommunerna",
    "3.2.1 Fortsatt utvecklingsarbete utifrån handlingsplaner",
    "3.2.2 Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
    "4. Förslag på användning av medlen",
    "Länsgemensamma insatser",
    "4.1 Insatser för att skapa goda förutsättningar för samverkan",
    "4.2 Stärka brukarmedverkan",
    "4.3 Stärka det suicidpreventiva arbetet",
    "4.4 Ungdomsmottagningarnas arbete",
    "Kommunernas medel",
    "4.5 Fortsatt utvecklingsarbete utifrån handlingsplaner",
    "4.6 Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
    "4.7 Övrigt – redovisning",
    "Slutredovisning",
    "31 mars 2021",
    "Fastställt av Chefsnätverket den 26 juni 2020.",
]
# The seed's two tables, figure by figure, as the seed prints them (the allocation tests hold
# them as written in the seed, with tabs between the cells).
COUNTY_JOINT = [f"{amount} kr" for amount in SEED_COUNTY_JOINT] + [
    f"{SEED_COUNTY_JOINT_ROUNDED} kr"
]
MUNICIPAL = SEED_MUNICIPAL.replace("\t", " ")
FIGURE = re.compile(r"\d{1,3}(?: \d{3})*(?:,\d\d)? kr")


def _plain(text: str) -> str:
    """Text with every kind of space (Babel's no-break spaces, line ends) as one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " "))


def pdf_text(content: bytes) -> str:
    return _plain(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return _plain("\n".join(parts))


def _login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def _url(name, proposal_or_agreement, region="dalarna", *more):
    agreement_pk = getattr(proposal_or_agreement, "agreement_id", proposal_or_agreement.pk)
    return reverse(f"proposals:{name}", args=[region, agreement_pk, *more])


@pytest.fixture
def dalarna_2020(db):
    return Proposal.objects.get(region__slug="dalarna", agreement__name="ÖK 2020")


def structure(node) -> list[str]:
    """The structure types of a PDF's structure tree, depth first (H1, H2, Table, TH…)."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        return [kind for kid in node for kind in structure(kid)]
    if not isinstance(node, DictionaryObject) or node.get("/Type") == "/OBJR":
        return []
    kinds = [str(node["/S"])[1:]] if "/S" in node else []
    return kinds + (structure(node["/K"]) if "/K" in node else [])


def _downloads(client, proposal) -> tuple[str, str]:
    region = proposal.region.slug
    pdf = client.get(_url("pdf", proposal, region))
    pdf_download(pdf)  # 200, application/pdf, an attachment pypdf opens
    word = client.get(_url("docx", proposal, region))
    docx_download(word)
    return pdf_text(pdf.content), word_text(word.content)


def test_dalarnas_proposal_as_pdf_and_word_reads_like_the_seed(client, dalarna_2020):
    """Every heading of the seed, and every figure of its two tables, in both files; the table
    rows as the seed prints them (municipality, its two amounts, its rounded amount)."""
    assert dalarna_2020.status == ProposalStatus.ADOPTED
    pdf, word = _downloads(_login(client, "dalarna-analytiker"), dalarna_2020)
    figures = COUNTY_JOINT + FIGURE.findall(MUNICIPAL)
    assert len(figures) == 5 + 15 * 3
    for text in (pdf, word):
        missing = [heading for heading in HEADINGS if heading not in text]
        assert not missing
        assert not [figure for figure in figures if figure not in text]
        # The county-joint amounts in the seed's order, one row per direction, and the sum.
        places = [text.index(f" {figure}") for figure in COUNTY_JOINT]
        assert places == sorted(places)
        assert "Summa, avrundat belopp 18 172 239 kr" in text
        for line in MUNICIPAL.splitlines():
            assert line in text
        # The per-municipality table's totals: the column sums and the rounded amounts' sum.
        assert "Summa 5 577 707,31 kr 2 788 853,65 kr 8 366 562 kr" in text
        # The proposed use per direction, the seed's working group with its named task, and the
        # shared coordinator.
        assert "LAG Fortsatt arbete enligt handlingsplan psykisk hälsa" in text
        assert "en gemensam samordnare" in text


def test_the_proposal_pdf_is_tagged_and_its_tables_fit_the_page(client, dalarna_2020):
    """PDF/UA: Swedish, tagged, titled, real headings and tables; and no table cell runs past
    the right margin (the direction names head the columns, and wrap)."""
    content = _login(client, "dalarna-analytiker").get(_url("pdf", dalarna_2020)).content
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert reader.metadata.title == "Förslag på användning av medel – ÖK 2020 – Region Dalarna"
    kinds = structure(catalog["/StructTreeRoot"]["/K"])
    assert kinds.count("H1") == 1
    assert kinds.count("Table") == 2
    assert {"H2", "TH", "TD", "Caption", "L", "LI"} <= set(kinds)

    weasyprint = pytest.importorskip("weasyprint")
    from pusselbit.documents.pdf import STYLESHEET, render_html
    from pusselbit.proposals.document import TEMPLATE, document_of

    html = render_html(document_of(dalarna_2020), TEMPLATE)
    pages = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )
    over, cells = [], 0
    for page in pages.pages:
        box = page._page_box
        right = box.content_box_x() + box.width
        stack = [box]
        while stack:
            box = stack.pop()
            stack += getattr(box, "children", [])
            if type(box).__name__ == "TableCellBox":
                cells += 1
                if box.position_x + box.margin_width() > right + 0.5:
                    over.append(box)
    assert cells == (1 + 4 + 1) * 2 + (1 + 15 + 1) * 4  # both tables, every cell
    assert not over


def test_the_proposal_is_linked_from_the_agreements_funds_page(client, dalarna_2020):
    page = _login(client, "dalarna-analytiker").get(
        reverse("funds:agreement", args=["dalarna", dalarna_2020.agreement_id])
    )
    assert _url("detail", dalarna_2020) in page.content.decode()
    detail = client.get(_url("detail", dalarna_2020))
    assert detail.status_code == 200
    assert "Chefsnätverket" in detail.content.decode()


def test_an_adopted_proposal_stays_as_adopted_when_the_allocation_is_redone(client, dalarna_2020):
    """Redoing the municipal allocation changes the live tables, not the adopted document."""
    client = _login(client, "dalarna-analytiker")
    before = _downloads(client, dalarna_2020)
    funds = RegionFunds.objects.get(
        region__slug="dalarna",
        agreement=dalarna_2020.agreement,
        direction__code="kunskapsbaserad-vard",
    )
    falun = funds.region.organisations.get(name="Falun")
    allocate_funds(
        funds,
        actor=User.objects.get(username="dalarna-ekonom"),
        key="manual",
        amounts=[(falun, funds.amount)],
    )
    dalarna_2020.refresh_from_db()
    live = word_text(render_docx(proposal_document(dalarna_2020)))
    assert "65 817,31 kr" not in live  # the data behind the document did change
    assert _downloads(client, dalarna_2020) == before
    # …and its texts cannot be changed either.
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    with pytest.raises(ValidationError):
        domain.update_proposal(dalarna_2020, actor=coordinator, name="Något annat")
    part = dalarna_2020.directions.first()
    with pytest.raises(ValidationError):
        domain.update_proposal_direction(part, actor=coordinator, proposed_use="Något annat")
    client.force_login(coordinator)
    edit = client.post(_url("edit", dalarna_2020), {"name": "Något annat", "dated": "2020-06-22"})
    assert edit.status_code == 200
    dalarna_2020.refresh_from_db()
    assert dalarna_2020.name.startswith("som riktas")


def test_a_proposal_is_written_on_pages_from_the_agreements_directions_and_adopted(db, client):
    """Västra Götaland's ÖK 2019: the coordinator starts the proposal (twice: one proposal),
    finds the direction pre-filled, writes its texts, adopts it; the document says what was
    written, the allocation's top slice, and who adopted it; the audit log says who did what."""
    client = _login(client, "vastra-gotaland-lanssamordnare")
    agreement = Agreement.objects.get(name="ÖK 2019")
    empty = client.get(_url("detail", agreement, "vastra-gotaland"))
    assert _url("create", agreement, "vastra-gotaland") in empty.content.decode()
    for _ in range(2):
        assert client.post(_url("create", agreement, "vastra-gotaland")).status_code == 302
    proposal = Proposal.objects.get(region__slug="vastra-gotaland", agreement=agreement)
    part = proposal.directions.get()
    assert part.direction.code == "samsjuklighet"
    assert part.title == part.direction.name
    draft = client.get(_url("detail", proposal, "vastra-gotaland")).content.decode()
    assert _url("edit_direction", proposal, "vastra-gotaland", part.pk) in draft
    assert _url("adopt", proposal, "vastra-gotaland") in draft
    assert "<strong>Utkast:</strong> förslaget är ännu inte fastställt." in draft  # on the page
    response = client.post(
        _url("edit", proposal, "vastra-gotaland"),
        {
            "name": "samverkan kring personer med samsjuklighet 2019",
            "place": "Göteborg",
            "dated": "2020-01-15",
            "reporting_text": "",
            "amounts_text": "",
            "other_heading": "Övrigt",
            "other_text": "Koordinatorn skriver rapporten.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    bad = client.post(
        _url("edit_direction", proposal, "vastra-gotaland", part.pk),
        {"title": "", "description": "Det som skrevs", "proposed_use": ""},
    )
    assert bad.status_code == 200 and "Det som skrevs" in bad.content.decode()
    response = client.post(
        _url("edit_direction", proposal, "vastra-gotaland", part.pk),
        {
            "title": "Samverkan kring personer med samsjuklighet",
            "description": "Överenskommelsens text om inriktningen.",
            "proposed_use": "En koordinator för hela länet, och en arbetsgrupp med uppdraget "
            "att kartlägga samverkan.",
        },
    )
    assert response.status_code == 302
    adopt = client.post(
        _url("adopt", proposal, "vastra-gotaland"),
        {"adopted_by": "Styrgruppen", "adopted_on": "2020-02-01"},
    )
    assert adopt.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED and proposal.adopted_document
    pdf, word = _downloads(client, proposal)
    for text in (pdf, word):
        assert "3.1.1 Samverkan kring personer med samsjuklighet" in text
        assert "Överenskommelsens text om inriktningen." in text
        assert "en arbetsgrupp med uppdraget att kartlägga samverkan" in text
        assert "1 000 000 kr till Västra Götalandsregionen för Koordinator" in text
        assert "4.2 Övrigt Koordinatorn skriver rapporten." in text
        assert "Fastställt av Styrgruppen den 1 februari 2020." in text
    again = client.post(
        _url("adopt", proposal, "vastra-gotaland"),
        {"adopted_by": "Någon annan", "adopted_on": "2020-02-02"},
    )
    assert again.status_code == 200
    proposal.refresh_from_db()
    assert proposal.adopted_by == "Styrgruppen"
    actions = set(
        AuditEntry.objects.filter(target_id=str(proposal.pk)).values_list("action", flat=True)
    )
    assert {"proposal.created", "proposal.updated", "proposal.direction_updated"} <= actions
    assert "proposal.adopted" in actions


def test_who_may_write_adopt_and_read_a_proposal(client, dalarna_2020):
    """Every member of the region reads it; an analyst neither starts, edits nor adopts one;
    another region's proposal is not there."""
    agreement = Agreement.objects.get(name="ÖK 2019")
    analyst = _login(client, "vastra-gotaland-analytiker")
    assert analyst.get(_url("detail", agreement, "vastra-gotaland")).status_code == 200
    assert analyst.post(_url("create", agreement, "vastra-gotaland")).status_code == 403
    assert not Proposal.objects.filter(region__slug="vastra-gotaland").exists()
    region = Region.objects.get(slug="vastra-gotaland")
    with pytest.raises(PermissionDenied):
        domain.create_proposal(
            region, agreement, actor=User.objects.get(username="vastra-gotaland-analytiker")
        )
    dalarna = _login(client, "dalarna-analytiker")
    assert dalarna.get(_url("edit", dalarna_2020)).status_code == 403
    assert dalarna.get(_url("adopt", dalarna_2020)).status_code == 403
    pdf = dalarna.get(_url("pdf", dalarna_2020))
    pdf_download(pdf)
    assert "Förslag på användning av medel" in pdf_text(pdf.content)
    outsider = _login(client, "blekinge-lanssamordnare")
    for name in ("detail", "pdf", "docx", "edit", "adopt"):
        assert outsider.get(_url(name, dalarna_2020, "blekinge")).status_code == 404
        assert outsider.get(_url(name, dalarna_2020)).status_code == 404


def test_a_future_adoption_date_is_refused(dalarna_2020):
    region = Region.objects.get(slug="vastra-gotaland")
    agreement = Agreement.objects.get(name="ÖK 2019")
    coordinator = User.objects.get(username="vastra-gotaland-lanssamordnare")
    proposal = domain.create_proposal(region, agreement, actor=coordinator)
    with pytest.raises(ValidationError):
        domain.adopt_proposal(
            proposal,
            actor=coordinator,
            adopted_by="Styrgruppen",
            adopted_on=datetime.date.today() + datetime.timedelta(days=2),
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_a_save_from_a_second_tab_over_a_later_save_is_refused_and_keeps_the_text(db, client):
    """Two tabs open the same direction; the first saves; the second's save would overwrite it
    unseen: it is refused with a message, its text kept in the form, the first save kept."""
    client = _login(client, "vastra-gotaland-lanssamordnare")
    agreement = Agreement.objects.get(name="ÖK 2019")
    client.post(_url("create", agreement, "vastra-gotaland"))
    proposal = Proposal.objects.get(region__slug="vastra-gotaland", agreement=agreement)
    part = proposal.directions.get()
    url = _url("edit_direction", proposal, "vastra-gotaland", part.pk)
    opened = re.search(r'name="opened_at" value="([^"]+)"', client.get(url).content.decode())[1]
    first = {"title": part.title, "description": "", "proposed_use": "Första fliken."}
    assert client.post(url, {**first, "opened_at": opened}).status_code == 302

    second = {"title": part.title, "description": "", "proposed_use": "Andra fliken."}
    refused = client.post(url, {**second, "opened_at": opened})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "sparade förslaget efter att du öppnade sidan" in page
    assert "Andra fliken." in page
    part.refresh_from_db()
    assert part.proposed_use == "Första fliken."
