"""An LSVO meeting's proposals in one file (PDF or Word): its agenda as a cover, then the
proposal of each initiative on it, in agenda order. Like the proposal (proposal_document.py) it
is built from the data as it stands when it is downloaded, and says so. Swedish by definition
(see documents.context)."""

from django.utils import timezone, translation

from pusselbit.core.formatting import format_iso_date, format_long_date
from pusselbit.documents.context import Bundle, Document, DocumentSection, Items, Text

from .proposal_document import KIND, proposal_document

TEMPLATE = "documents/bundle.html"
AGENDA = "Föredragningslista"


def meeting_bundle(meeting, initiatives) -> Bundle:
    """The agenda of `meeting` (the initiatives in agenda order, fetched by
    initiatives_with_proposal) as a cover, then the proposal of each initiative that has one,
    in the same order, each marked with its number on the agenda."""
    printed = timezone.localdate()
    with translation.override("sv"):
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        until = f"{ends:%H:%M}"
        if ends.date() != starts.date():
            until = f"{format_iso_date(ends.date())} {until}"
        facts = [
            ("Möte", f"{format_iso_date(starts.date())} {starts:%H:%M}–{until}"),
            *([("Plats", meeting.location)] if meeting.location else []),
            ("Utskrivet", format_iso_date(printed)),
        ]
        items, parts = [], []
        for number, initiative in enumerate(initiatives, start=1):
            has_proposal = getattr(initiative, "proposal", None) is not None
            items.append(
                Text(
                    f"{initiative.organisation.name}, skede: {initiative.stage.display_name}. "
                    + ("Underlaget följer." if has_proposal else "Inget underlag är skrivet."),
                    lead=f"{initiative.title}.",
                )
            )
            if has_proposal:
                parts.append(
                    proposal_document(
                        initiative, printed=printed, overline=f"Ärende {number} – {meeting.title}"
                    )
                )
        cover = Document(
            title=f"{KIND} – {meeting.title}",
            kind=AGENDA,
            name=meeting.title,
            sender=meeting.region.name,
            dated=printed,
            facts=facts,
            preamble=[
                Text(
                    f"Underlagen som de ser ut den {format_long_date(printed)}. De är inga "
                    "registrerade handlingar.",
                    lead="Utskrift.",
                )
            ],
            sections=[
                DocumentSection(
                    "Ärenden",
                    [Items(items, ordered=True)] if items else [Text("Dagordningen är tom.")],
                )
            ],
        )
        return Bundle(cover, parts)
