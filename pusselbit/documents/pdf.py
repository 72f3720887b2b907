"""Documents as tagged PDF (PDF/UA-1) through WeasyPrint.

WeasyPrint needs Pango, a system library, so it is imported when a PDF is made: Pusselbit
starts and serves everything else on a machine without it, and only the PDF answers that it
cannot be made (PdfUnavailable).

The running header and the page numbers ("Sida 2 av 4") are CSS margin boxes. WeasyPrint marks
their text as content of structure elements that it then leaves out of the structure tree,
which PDF/UA does not allow; `margins_as_artifacts` marks that text as what it is, pagination
artifacts (`/Artifact <</Type /Pagination>>`), which a screen reader skips."""

import io
from pathlib import Path

from django.template.loader import render_to_string

from .context import Bundle, Document
from .printable import printable

TEMPLATES = Path(__file__).resolve().parent / "templates" / "documents"
STYLESHEET = TEMPLATES / "document.css"


class PdfUnavailable(Exception):
    """WeasyPrint, or the Pango library it loads, is missing on this machine."""


def _weasyprint():
    try:
        # Imported when a PDF is made: a server without Pango still serves every other page.
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: WeasyPrint found no Pango to load
        raise PdfUnavailable(str(error)) from error
    return weasyprint


def render_html(document: Document | Bundle, template: str) -> str:
    return render_to_string(template, {"document": printable(document)})


def render_pdf(document: Document | Bundle, template: str) -> bytes:
    """The document as PDF/UA-1: tagged (headings, lists, tables with header cells), with the
    language (sv) and the title in its metadata. Raises PdfUnavailable."""
    weasyprint = _weasyprint()

    class NothingFromOutside(weasyprint.URLFetcher):
        # The documents need no images, fonts or stylesheets from anywhere; fetching nothing
        # keeps text that reaches a template from making the server fetch a URL.
        def fetch(self, url, headers=None):
            raise ValueError(f"A document loads nothing from outside: {url}")

    html = weasyprint.HTML(
        string=render_html(document, template),
        base_url=str(TEMPLATES),
        url_fetcher=NothingFromOutside(),
    )
    return margins_as_artifacts(
        html.write_pdf(
            pdf_variant="pdf/ua-1",
            stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
        )
    )


def margins_as_artifacts(content: bytes) -> bytes:
    """The PDF with the text of its page margins marked as pagination artifacts.

    A page's marked content is tied to the structure tree through its MCID: the structure
    parent tree names, per page, the structure element of each MCID. Content whose element is
    not reachable from the tree's root is what WeasyPrint drew in the page margins. Its
    `/Span <</MCID n>> BDC` becomes `/Artifact <</Type /Pagination>> BDC`, and the parent tree
    forgets the MCID, so that the unreachable elements are left out when the file is saved."""
    import pikepdf  # when a PDF is made, like weasyprint (_weasyprint)

    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None or "/ParentTree" not in root:
            return content
        reachable = _reachable(root)
        parents = _number_tree(root.ParentTree)
        for page in pdf.pages:
            index = page.obj.get("/StructParents")
            elements = parents.get(int(index)) if index is not None else None
            if not isinstance(elements, pikepdf.Array):
                continue
            margins = {
                mcid
                for mcid, element in enumerate(elements)
                if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
            }
            if margins and _mark_artifacts(pdf, page, margins):
                for mcid in margins:
                    elements[mcid] = None
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _reachable(root) -> set:
    """The object numbers of every structure element reachable from the tree's root."""
    import pikepdf  # when a PDF is made, like weasyprint (_weasyprint)

    seen, stack = set(), [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and node.objgen not in seen:
            if node.objgen != (0, 0):
                seen.add(node.objgen)
            if node.get("/Type") in ("/MCR", "/OBJR"):
                continue
            stack.append(node.get("/K"))
    return seen


def _number_tree(tree) -> dict:
    """A number tree (the structure parent tree) as a dict, its kids' entries included."""
    entries, stack = {}, [tree]
    while stack:
        node = stack.pop()
        numbers = node.get("/Nums")
        if numbers is not None:
            for position in range(0, len(numbers) - 1, 2):
                entries[int(numbers[position])] = numbers[position + 1]
        stack.extend(node.get("/Kids", []))
    return entries


def _mark_artifacts(pdf, page, margins: set[int]) -> bool:
    """Rewrite the page's content so that the marked content with these MCIDs is an artifact.
    True if every one of them was found."""
    import pikepdf  # when a PDF is made, like weasyprint (_weasyprint)

    found = set()
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInstruction) and (
            str(instruction.operator) == "BDC" and len(instruction.operands) == 2
        ):
            properties = instruction.operands[1]
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            if mcid is not None and int(mcid) in margins:
                found.add(int(mcid))
                instruction = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)],
                    instruction.operator,
                )
        instructions.append(instruction)
    if found != margins:
        return False
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return True
