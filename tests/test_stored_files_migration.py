"""The migrations that moved the files Pusselbit makes (compiled county reports, published
assignment documents) out of the database and into the storage: each row's bytes written under
its region's prefix, named and measured in the row; reversed, read back into the columns."""

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import AssignmentFactory, RequirementFactory

BYTES = [("reporting", "0006_compilation_published"), ("public", "0002_document_file")]
FILES = [
    ("reporting", "0007_compilation_files_in_storage"),
    ("public", "0003_document_file_in_storage"),
]


def _migrate(targets):
    """Migrate to `targets` and give the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _read(name: str) -> bytes:
    with storages["attachments"].open(name, "rb") as file:
        return file.read()


@pytest.mark.django_db(transaction=True)
def test_the_files_move_into_the_storage_and_back():
    requirement = RequirementFactory()
    region = requirement.region.slug
    assignment = AssignmentFactory(region=requirement.region)
    try:
        models = _migrate(BYTES)
        Compilation = models.get_model("reporting", "Compilation")
        DocumentFile = models.get_model("public", "DocumentFile")
        # Done without a PDF (no WeasyPrint where it ran), and one still waiting: no files.
        done = Compilation.objects.create(
            requirement_id=requirement.pk, status="done", xlsx=b"PK xlsx", docx=b"PK docx"
        )
        waiting = Compilation.objects.create(requirement_id=requirement.pk)
        document = DocumentFile.objects.create(
            assignment_id=assignment.pk,
            format="pdf",
            content=b"%PDF-1.7 uppdrag",
            size=16,
            filename="uppdrag",
        )

        models = _migrate(FILES)
        Compilation = models.get_model("reporting", "Compilation")
        DocumentFile = models.get_model("public", "DocumentFile")
        row = Compilation.objects.get(pk=done.pk)
        assert row.xlsx.name.startswith(f"reports/{region}/{done.pk}/sammanstallning")
        assert row.xlsx.name.endswith(".xlsx") and row.docx.name.endswith(".docx")
        assert _read(row.xlsx.name) == b"PK xlsx" and row.xlsx_size == 7
        assert _read(row.docx.name) == b"PK docx" and row.docx_size == 7
        assert not row.pdf and row.pdf_size is None
        nothing = Compilation.objects.get(pk=waiting.pk)
        assert not nothing.xlsx and not nothing.docx and nothing.xlsx_size is None
        stored = DocumentFile.objects.get(pk=document.pk)
        assert stored.file.name.startswith(f"documents/{region}/{assignment.pk}/uppdragshandling")
        assert stored.file.name.endswith(".pdf")
        assert _read(stored.file.name) == b"%PDF-1.7 uppdrag" and stored.size == 16

        models = _migrate(BYTES)
        Compilation = models.get_model("reporting", "Compilation")
        DocumentFile = models.get_model("public", "DocumentFile")
        back = Compilation.objects.get(pk=done.pk)
        assert bytes(back.xlsx) == b"PK xlsx" and bytes(back.docx) == b"PK docx"
        assert back.pdf is None
        assert Compilation.objects.get(pk=waiting.pk).xlsx is None
        assert bytes(DocumentFile.objects.get(pk=document.pk).content) == b"%PDF-1.7 uppdrag"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
