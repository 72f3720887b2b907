"""What an uploaded file must be before it is kept: not larger than the limit, of one of the
allowed types by its name *and* by its content (its first bytes, and for the Office and
OpenDocument formats the parts inside the zip), with a name that is safe to show and to send
back. The browser's own content type is never trusted: a page (HTML, SVG) or a program renamed
to .pdf is refused, and what is stored is the content type that belongs to the checked type."""

import hashlib
import os
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.downloads import DOCX, PDF, XLSX

ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# The first bytes worth reading to tell a type; text is judged on its whole content.
HEAD = 8192
MAX_NAME = 200


# What reading a broken or hostile zip may raise.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


def _zip_names(file) -> list[str] | None:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except ZIP_ERRORS:
        return None


def _office(part: str):
    """An Office Open XML file: a zip with its content-type list and its main part."""

    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(file)
        return names is not None and "[Content_Types].xml" in names and part in names

    return check


def _open_document(mimetype: str):
    """An OpenDocument file: a zip whose member "mimetype" names its type."""

    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                info = archive.getinfo("mimetype")
                # A few dozen bytes; a larger one is no OpenDocument (nor unpacked to see).
                return info.file_size < 100 and archive.read(info).strip() == mimetype.encode()
        except ZIP_ERRORS:
            return False

    return check


def _text(head: bytes, file) -> bool:
    """Plain text (or CSV) in UTF-8 or Windows-1252 (Excel's Swedish CSV), without control
    characters but tab and line breaks, and not markup: a text starting with "<" could be a
    page a browser would run."""
    file.seek(0)
    content = file.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        return False
    return not text.lstrip().startswith("<")


@dataclass(frozen=True)
class FileType:
    label: str  # or a lazy translation
    content_type: str
    check: object  # (head: bytes, file) -> bool


PDF_TYPE = FileType("PDF", PDF, lambda head, file: head.startswith(b"%PDF-"))
PNG_TYPE = FileType("PNG", "image/png", lambda head, file: head.startswith(b"\x89PNG\r\n\x1a\n"))
JPEG_TYPE = FileType("JPEG", "image/jpeg", lambda head, file: head.startswith(b"\xff\xd8\xff"))

# By extension (lower case): the type the content must prove to be.
ALLOWED = {
    ".pdf": PDF_TYPE,
    ".docx": FileType(gettext_lazy("Word (DOCX)"), DOCX, _office("word/document.xml")),
    ".xlsx": FileType(gettext_lazy("Excel (XLSX)"), XLSX, _office("xl/workbook.xml")),
    ".odt": FileType(gettext_lazy("OpenDocument text (ODT)"), ODT, _open_document(ODT)),
    ".ods": FileType(gettext_lazy("OpenDocument spreadsheet (ODS)"), ODS, _open_document(ODS)),
    ".png": PNG_TYPE,
    ".jpg": JPEG_TYPE,
    ".jpeg": JPEG_TYPE,
    ".txt": FileType(gettext_lazy("Text"), "text/plain", _text),
    ".csv": FileType("CSV", "text/csv", _text),
}


def allowed_extensions() -> str:
    return ", ".join(sorted(ALLOWED))


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the safe original name, shown and sent back
    extension: str
    content_type: str
    size: int
    sha256: str


def safe_name(name: str) -> str:
    """The file's own name without any folder a browser sent, control characters, or
    characters that mean something in a path; at most MAX_NAME characters, its extension kept.
    Raises ValidationError when nothing is left."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        "_" if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} or c in '<>:"|?*' else c
        for c in name
    )
    name = " ".join(name.split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if not stem:
        raise ValidationError(_("The file needs a name."), code="no_name")
    return stem[: MAX_NAME - len(extension)] + extension


def check_upload(upload) -> CheckedFile:
    """Check an uploaded file (Django's UploadedFile) and say what it is. Raises
    ValidationError with a message for the person who chose it."""
    name = safe_name(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    kind = ALLOWED.get(extension)
    if kind is None:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(allowed)s.")
            % {"allowed": allowed_extensions()},
            code="type",
        )
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s can be attached.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            code="size",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(HEAD)
    if not kind.check(head, upload):
        raise ValidationError(
            _("The file's content is not %(type)s, as its name says: it is not attached.")
            % {"type": kind.label},
            code="content",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name, extension, kind.content_type, upload.size, digest.hexdigest())
