"""Small files of each type, made the way their programs make them (zip parts and all), and
files that pretend to be what they are not."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60
TEXT = "Protokoll från mötet: åtgärder för unga vuxna.\n".encode()
CSV = "kommun;belopp\nFalun;250 000\n".encode("cp1252")


def _zip(parts: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, parts.pop(stored_first), zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Idébeskrivning")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def open_document(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    return _zip(
        {"mimetype": mimetype.encode(), "content.xml": b"<office:document-content/>"},
        stored_first="mimetype",
    )


def plain_zip() -> bytes:
    return _zip({"readme.txt": b"not an office file"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


ALLOWED = {
    "protokoll.pdf": PDF,
    "idé.docx": docx,
    "budget.xlsx": xlsx,
    "text.odt": lambda: open_document("text"),
    "kalkyl.ods": lambda: open_document("spreadsheet"),
    "bild.png": PNG,
    "foto.jpg": JPEG,
    "foto.JPEG": JPEG,
    "anteckning.txt": TEXT,
    "siffror.csv": CSV,
}


def content_of(name: str) -> bytes:
    value = ALLOWED[name]
    return value() if callable(value) else value
