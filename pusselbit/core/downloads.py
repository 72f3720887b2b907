"""Files handed to the browser: one way to make the response, and the content types we send."""

from django.http import FileResponse, Http404, HttpResponse
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


def stored_attachment(
    file, content_type: str, filename: str, *, private: bool = True
) -> FileResponse:
    """A download of a file kept in a storage (a FileField's value), streamed from it rather
    than read whole, named `filename`, and never cached unless `private` is False (a public
    record, the same for everyone). No file, or one the storage no longer has, is a 404: the
    row outlived its file (a restore without it, an operator's clean-up), and the reader can
    do nothing about it."""
    if not file:
        raise Http404
    try:
        opened = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        opened, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
