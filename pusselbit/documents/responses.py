"""A document as a download: its PDF (through a template, WeasyPrint) or its Word file. The
domains' views serve their own documents with these (assignments, initiatives, proposals)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pusselbit.core.downloads import DOCX, PDF, attachment

from . import pdf, word
from .context import Bundle, Document


def pdf_response(document: Document | Bundle, template: str) -> HttpResponse:
    """The document as a PDF download, or a 503 that says why not (no WeasyPrint here)."""
    try:
        content = pdf.render_pdf(document, template)
    except pdf.PdfUnavailable:
        return HttpResponse(
            _(
                "The PDF cannot be made on this server: WeasyPrint, or the Pango library it "
                "needs, is not installed. Download the Word file instead, and tell the "
                "platform operator."
            ),
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    return attachment(content, PDF, f"{document.filename}.pdf")


def docx_response(document: Document | Bundle) -> HttpResponse:
    return attachment(word.render_docx(document), DOCX, f"{document.filename}.docx")
