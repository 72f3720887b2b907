"""Files handed to the browser: one way to make the response, and the content types we send."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download (not shown in the browser) named `filename` — å, ä, ö kept — and never cached:
    what is in it may be the region's own."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
