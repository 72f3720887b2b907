"""What a file must be to be attached: the type its name says, proved by its content."""

import pytest
from django.core.exceptions import ValidationError

from pusselbit.attachments.files import check_upload, safe_name
from tests.attachments import samples


@pytest.mark.parametrize("name", sorted(samples.ALLOWED))
def test_each_allowed_type_is_accepted_with_its_own_content_type(name):
    content = samples.content_of(name)
    checked = check_upload(samples.upload(name, content))
    assert checked.name == name and checked.size == len(content)
    assert checked.extension == name[name.rindex(".") :].lower()
    assert checked.content_type != "application/octet-stream"  # not the browser's word


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("beslut.pdf", samples.HTML),  # a page named as a PDF
        ("bild.png", samples.SVG),  # an SVG (with script) named as a PNG
        ("foto.jpg", samples.HTML),
        ("program.docx", samples.EXE),  # a Windows program named as Word
        ("zip.docx", samples.plain_zip()),  # a zip, but no Word document inside
        ("kalkyl.docx", samples.xlsx()),  # Excel named as Word
        ("text.odt", samples.open_document("spreadsheet")),  # a spreadsheet named as text
        ("sida.txt", samples.HTML),  # markup named as text
        ("binär.csv", b"kod;\x00\x01\x02"),  # control characters are no text
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload(name, content))
    assert refused.value.code == "content"


@pytest.mark.parametrize("name", ["sida.html", "bild.svg", "program.exe", "gammal.doc", "utan"])
def test_types_not_allowed_are_refused_by_name(name):
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload(name, samples.PDF))
    assert refused.value.code == "type"


def test_a_file_over_the_limit_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    check_upload(samples.upload("liten.pdf", samples.PDF + b" " * (1000 - len(samples.PDF))))
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("stor.pdf", samples.PDF + b" " * 1000))
    assert refused.value.code == "size"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(samples.upload("tom.txt", b""))
    assert refused.value.code == "empty"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\anna\\Protokoll 1.pdf", "Protokoll 1.pdf"),
        ("rad\r\nBcc: x@example.org.pdf", "rad__Bcc_ x@example.org.pdf"),
        ("  idé  beskrivning .docx", "idé beskrivning .docx"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_names_are_made_safe(sent, kept):
    assert safe_name(sent) == kept


def test_the_sha256_is_of_the_whole_file():
    import hashlib

    content = samples.content_of("budget.xlsx")
    checked = check_upload(samples.upload("budget.xlsx", content))
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
