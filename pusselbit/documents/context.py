"""What a document is made of (Document, DocumentSection, Text, Items, Table, Signatory) and the
helpers every document's builder shares. Each domain builds its own documents from these
(assignments.document, initiatives.document, proposals.document, reporting.county_report) and
both renderers lay out that same content (pdf.py through the templates, word.py through
python-docx), so the PDF and the Word file of a document say the same; this package knows no
domain.

The documents are Swedish by definition: they are what a Swedish region sends, whatever
language the person downloading them reads Pusselbit in. Their fixed texts (headings, labels,
phrases) are therefore written here in Swedish, not as gettext message ids, and everything else
is built under translation.override("sv"): choice labels, Babel's money and dates.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils.text import slugify

ZERO = Decimal("0")
FILENAME_LENGTH = 80


@dataclass
class Text:
    """A paragraph; `lead` is set in bold before the text. A line break in the text stays one.
    A `note` is a footnote's text ("¹ Handlingsplan för psykisk hälsa 2018–2020"), set small
    after the section it belongs to."""

    text: str
    lead: str = ""
    note: bool = False
    kind = "text"

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass
class Items:
    items: list[Text]
    ordered: bool = False
    kind = "items"


@dataclass
class Table:
    """A table with a header row; the first cell of each row heads the row. `numeric` columns
    are right-aligned; `total` is the sum row, kept apart from the rows. A line break in a cell
    stays one. A `landscape` table is too wide for a portrait page: its section is printed on
    landscape pages (a named page in the PDF, a landscape section in Word)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    total: list[str] | None = None
    landscape: bool = False
    kind = "table"


@dataclass
class DocumentSection:
    heading: str
    blocks: list

    @property
    def landscape(self) -> bool:
        return any(getattr(block, "landscape", False) for block in self.blocks)


@dataclass
class Signatory:
    name: str
    organisation: str


@dataclass
class Document:
    title: str  # the PDF's and the Word file's title, and the file name
    kind: str  # "Uppdragshandling", "Beslut": the first line of the main heading
    name: str  # what the document is about: the second line of the main heading
    sender: str  # the region that sends it
    dated: datetime.date
    co_senders: list[str] = field(default_factory=list)  # who send it with the region: VästKom
    dateline: str = ""  # "Göteborg 2020-05-06"
    facts: list[tuple[str, str]] = field(default_factory=list)  # ("Diarienummer", "KS 2021/391")
    overline: str = ""  # a line above the main heading
    preamble: list = field(default_factory=list)  # notices right below the main heading
    sections: list[DocumentSection] = field(default_factory=list)
    signed: str = ""  # the signing place and date
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return filename_for(self.title)

    @property
    def senders(self) -> list[str]:
        """The region and those who send the document with it, as the letterhead names them."""
        return [self.sender, *(name for name in self.co_senders if name != self.sender)]


@dataclass
class Bundle:
    """Several documents in one file, after a cover that lists them (LSVO's meeting: the agenda,
    then each proposal on it). Each part starts on a new page with its own letterhead and main
    heading; the file's title and name are the cover's."""

    cover: Document
    parts: list[Document] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.cover.title

    @property
    def filename(self) -> str:
        return self.cover.filename


def filename_for(title: str) -> str:
    """`uppdragshandling-statsbidrag-for-att-starka-brukarsamverkan`, cut at a word."""
    slug = slugify(title.replace("/", "-"))  # "KS 2021/391" → ks-2021-391
    if len(slug) > FILENAME_LENGTH:
        slug = slug[:FILENAME_LENGTH].rsplit("-", 1)[0]
    return slug or "dokument"


# Text ----------------------------------------------------------------------------------------
BULLET = re.compile(r"^\s*[-–•*]\s+")
NUMBER = re.compile(r"^\s*\d+[.)]\s+")
# A footnote: a paragraph that begins "[1] " (or "¹ "), called from the text by "[1]" (or "¹").
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
NOTE = re.compile(r"^\s*(?:\[(\d+)\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+")
NOTE_CALL = re.compile(r"\[(\d+)\]")


def text_blocks(text: str) -> list:
    """Free text as paragraphs (blank lines part them) and lists: lines that start with "- "
    or "• " are a list, lines that start with "1. " a numbered list, and a line leading in to
    a list ("… samma fokusområden som regeringens:") stays a paragraph of its own before it.
    A paragraph that begins "[1] " is footnote 1: it comes last, as a note, and "[1]" in the
    text becomes "¹"."""
    blocks, notes = [], []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        note = NOTE.match(lines[0])
        if note:
            number = (note.group(1) or "").translate(SUPERSCRIPT) or note.group(2)
            body = "\n".join([lines[0][note.end() :], *(line.strip() for line in lines[1:])])
            notes.append(Text(f"{number} {body}", note=True))
            continue
        blocks += _paragraph_blocks(lines)
    called = {note.text.split(" ", 1)[0] for note in notes}
    return [_with_calls(block, called) for block in blocks] + notes


def _paragraph_blocks(lines: list[str]) -> list:
    """A paragraph's lines as runs: each run of list lines a list, each run of other lines a
    paragraph."""
    blocks = []
    for marker, run in _runs(lines):
        if marker is None:
            blocks.append(Text("\n".join(line.strip() for line in run)))
        else:
            pattern, ordered = marker
            blocks.append(Items([Text(pattern.sub("", line)) for line in run], ordered))
    return blocks


def _runs(lines: list[str]):
    run, marker = [], None
    for line in lines:
        kind = next(((p, o) for p, o in ((BULLET, False), (NUMBER, True)) if p.match(line)), None)
        if run and kind != marker:
            yield marker, run
            run = []
        run.append(line)
        marker = kind
    if run:
        yield marker, run


def _with_calls(block, called: set[str]):
    """ "[1]" in the text as "¹", where the text has a footnote 1."""

    def call(match) -> str:
        number = match.group(1).translate(SUPERSCRIPT)
        return number if number in called else match.group(0)

    if not called:
        return block
    if isinstance(block, Items):
        return Items([_with_calls(item, called) for item in block.items], block.ordered)
    return dataclasses.replace(block, text=NOTE_CALL.sub(call, block.text))


def notes_last(section: DocumentSection) -> DocumentSection:
    """A section's footnotes after everything else in it."""
    notes = [block for block in section.blocks if getattr(block, "note", False)]
    rest = [block for block in section.blocks if not getattr(block, "note", False)]
    return DocumentSection(section.heading, rest + notes)


def format_extent(extent: Decimal) -> str:
    """`1,0 tjänst`, `0,5 tjänst`, `2,0 tjänster`."""
    number = format_decimal(extent, format="#,##0.0#", locale="sv_SE")
    return f"{number} {'tjänster' if extent > 1 else 'tjänst'}"


def bullet_items(texts: list[str]) -> list:
    return [Items([Text(text) for text in texts])] if texts else []


def joined_words(words: list[str]) -> str:
    """`a, b och c`."""
    return " och ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)
