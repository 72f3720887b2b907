"""The region's published documents and reports (a part of the publishing rules beside
publishing.py): adopted assignment documents, and compiled county reports the county
coordinator has published (reporting.domain.compilations.publish_compilation).

An assignment document is public once adopted: from then on it is a record, kept as it was
adopted (assignments.document), and its PDF and Word file are the region's own downloads'. A
draft is not public. A compiled report is public once published, with its files as they were
compiled: the Excel file, the Word document and the PDF. Who asked for a compilation or
published it is not shown; the files hold organisations' answers and no user's name.

As publishing.py: read with the scoping disabled, narrowly, filtered by the region in the
address, handed back as plain data; a list in a fixed number of queries once its files are
made, with the sizes kept in the database (the storage holding the files is not asked)."""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone, translation

from pusselbit.assignments.document import assignments_with_parts, document_of_assignment
from pusselbit.assignments.enums import AssignmentStatus
from pusselbit.assignments.models import Assignment
from pusselbit.core.downloads import DOCX, PDF, XLSX
from pusselbit.core.scoping import scopes_disabled
from pusselbit.documents import pdf, word
from pusselbit.reporting.county_report import compiled_filename
from pusselbit.reporting.enums import CompilationStatus, RequirementKind
from pusselbit.reporting.models import Compilation

from .models import DocumentFile

CONTENT_TYPES = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX}
ASSIGNMENT_TEMPLATE = "documents/assignment.html"  # as assignments.views.downloads renders it


@dataclass
class PublicFile:
    extension: str  # pdf, docx or xlsx: its type, and the last part of its address
    size: int  # bytes


@dataclass
class PublicAssignment:
    pk: int
    title: str
    dated: datetime.date
    adopted_by: str
    adopted_on: datetime.date | None
    plan: str  # the action plan's title, or empty
    files: list[PublicFile] = field(default_factory=list)


@dataclass
class PublicReport:
    pk: int
    kind: str  # reporting.enums.RequirementKind
    agreement: str
    deadline: datetime.date
    published_on: datetime.date
    submitted: int | None
    recipients: int | None
    files: list[PublicFile] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(RequirementKind(self.kind).label)


@dataclass
class PublicDownload:
    file: FieldFile  # in the storage; empty, or gone from it, is the view's 404
    content_type: str
    filename: str


# Adopted assignment documents --------------------------------------------------------------


def adopted_anywhere():
    """Every region's adopted assignment documents (call within scopes_disabled)."""
    return Assignment.objects.filter(status=AssignmentStatus.ADOPTED, adopted_content__isnull=False)


def _adopted(region):
    return adopted_anywhere().filter(region=region)


def _render(document, extension: str) -> bytes:
    # The document is Swedish by definition, whichever language the first reader asked in.
    with translation.override("sv"):
        if extension == "pdf":
            return pdf.render_pdf(document, ASSIGNMENT_TEMPLATE)
        return word.render_docx(document)


def _make_missing_files(assignments) -> None:
    """Make and keep the files the adopted `assignments` lack: written to the storage, then
    named in a new row. A PDF that cannot be made here (no WeasyPrint) is left out and tried
    again next time; a file another request made in the meantime is kept as it was made, and
    the one made here is deleted again."""
    made = set(
        DocumentFile.objects.filter(assignment__in=assignments).values_list(
            "assignment_id", "format"
        )
    )
    wanted = [pk for pk in assignments if any((pk, f) not in made for f in DocumentFile.FORMATS)]
    for assignment in assignments_with_parts().filter(pk__in=wanted):
        document = document_of_assignment(assignment)
        for extension in DocumentFile.FORMATS:
            if (assignment.pk, extension) in made:
                continue
            try:
                content = _render(document, extension)
            except pdf.PdfUnavailable:
                continue
            row = DocumentFile(
                assignment=assignment,
                format=extension,
                size=len(content),
                filename=document.filename,
            )
            row.file.save(f"uppdragshandling.{extension}", ContentFile(content), save=False)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                row.file.delete(save=False)


def adopted_assignments(region) -> list[PublicAssignment]:
    """The region's adopted assignment documents, newest first, each with its files and their
    sizes (made the first time they are asked for)."""
    with scopes_disabled():
        assignments = list(
            _adopted(region).select_related("plan").order_by("-adopted_on", "-dated", "-pk")
        )
        _make_missing_files([assignment.pk for assignment in assignments])
        files = {}
        for pk, extension, size in DocumentFile.objects.filter(
            assignment__in=assignments
        ).values_list("assignment_id", "format", "size"):
            files.setdefault(pk, []).append(PublicFile(extension, size))
        return [
            PublicAssignment(
                pk=assignment.pk,
                title=assignment.title,
                dated=assignment.dated,
                adopted_by=assignment.adopted_by,
                adopted_on=assignment.adopted_on,
                plan=assignment.plan.title if assignment.plan else "",
                files=sorted(files.get(assignment.pk, []), key=_pdf_first),
            )
            for assignment in assignments
        ]


def _pdf_first(file: PublicFile) -> int:
    return ["pdf", "docx", "xlsx"].index(file.extension)


def assignment_file(region, pk: int, extension: str) -> PublicDownload:
    """An adopted assignment document's PDF or Word file. A draft, another region's and a
    format it does not come in are all a 404."""
    if extension not in DocumentFile.FORMATS:
        raise Http404
    with scopes_disabled():
        if not _adopted(region).filter(pk=pk).exists():
            raise Http404
        _make_missing_files([pk])
        row = DocumentFile.objects.filter(assignment_id=pk, format=extension).first()
        if row is None:  # the PDF, where it cannot be made
            raise Http404
        return PublicDownload(row.file, CONTENT_TYPES[extension], f"{row.filename}.{extension}")


# Published compiled reports --------------------------------------------------------------


def published_anywhere():
    """Every region's published compiled reports (call within scopes_disabled)."""
    return Compilation.objects.filter(status=CompilationStatus.DONE, published_at__isnull=False)


def _published(region):
    return published_anywhere().filter(requirement__region=region)


def published_reports(region) -> list[PublicReport]:
    """The region's published compiled reports, newest publication first, each with its files
    and their sizes (kept in the row: the storage is not asked)."""
    with scopes_disabled():
        rows = (
            _published(region)
            .select_related("requirement__agreement")
            .order_by("-published_at", "-pk")
        )
        return [
            PublicReport(
                pk=row.pk,
                kind=row.requirement.kind,
                agreement=row.requirement.agreement.name,
                deadline=row.requirement.deadline,
                published_on=timezone.localdate(row.published_at),
                submitted=row.submitted,
                recipients=row.recipients,
                files=sorted(
                    (
                        PublicFile(name, getattr(row, f"{name}_size"))
                        for name in Compilation.FILES
                        if getattr(row, name)
                    ),
                    key=_pdf_first,
                ),
            )
            for row in rows
        ]


def report_file(region, pk: int, extension: str) -> PublicDownload:
    """A published compiled report's file as it was compiled; an unpublished compilation,
    another region's, and a file it lacks are all a 404."""
    if extension not in Compilation.FILES:
        raise Http404
    with scopes_disabled():
        row = (
            _published(region)
            .select_related("requirement__agreement", "requirement__region")
            .filter(pk=pk)
            .first()
        )
        if row is None:
            raise Http404
        # Empty for the PDF where it could not be made: the view's 404.
        filename = f"{compiled_filename(row.requirement)}.{extension}"
        return PublicDownload(getattr(row, extension), CONTENT_TYPES[extension], filename)
