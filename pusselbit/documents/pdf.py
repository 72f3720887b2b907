"""Documents as tagged PDF (PDF/UA-1) through WeasyPrint.

WeasyPrint needs Pango, a system library, so it is imported when a PDF is made: Pusselbit
starts and serves everything else on a machine without it, and only the PDF answers that it
cannot be made (PdfUnavailable)."""

from pathlib import Path

from django.template.loader import render_to_string

from .context import Document
from .printable import printable

TEMPLATES = Path(__file__).resolve().parent / "templates" / "documents"
STYLESHEET = TEMPLATES / "document.css"


class PdfUnavailable(Exception):
    """WeasyPrint, or the Pango library it loads, is missing on this machine."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: WeasyPrint found no Pango to load
        raise PdfUnavailable(str(error)) from error
    return weasyprint


def render_html(document: Document, template: str) -> str:
    return render_to_string(template, {"document": printable(document)})


def render_pdf(document: Document, template: str) -> bytes:
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
    return html.write_pdf(
        pdf_variant="pdf/ua-1",
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
    )
