"""A published document's file moves from the database into the storage that keeps the
attachments (STORAGES["attachments"], object storage in production), so that every web process
reads the same file; its size was kept already.

The file field is added empty, each row's bytes are written to the storage and named in it, and
the column is then dropped. Reversed, the bytes are read back from the storage; the files are
left there (a file written again gets a name of its own)."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import pusselbit.attachments.storage
import pusselbit.public.models


def _rows(apps):
    DocumentFile = apps.get_model("public", "DocumentFile")
    return DocumentFile._base_manager


def files_to_storage(apps, schema_editor):
    storage = pusselbit.attachments.storage.attachment_storage()
    rows = _rows(apps)
    # Ids first, then one file's bytes at a time: SQLite cannot read on while the same rows
    # are written.
    keys = rows.values_list("pk", "assignment_id", "assignment__region__slug", "format")
    for pk, assignment, region, extension in list(keys):
        content = rows.filter(pk=pk).values_list("content", flat=True).get()
        # As pusselbit.public.models.document_file_name names a new file.
        path = f"documents/{region}/{assignment}/uppdragshandling.{extension}"
        stored = storage.save(path, ContentFile(bytes(content)))
        rows.filter(pk=pk).update(file=stored, size=len(content))


def files_to_database(apps, schema_editor):
    storage = pusselbit.attachments.storage.attachment_storage()
    rows = _rows(apps)
    for pk, stored in list(rows.values_list("pk", "file")):
        with storage.open(stored, "rb") as file:
            rows.filter(pk=pk).update(content=file.read())


class Migration(migrations.Migration):

    dependencies = [
        ("public", "0002_document_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentfile",
            name="file",
            field=models.FileField(
                default="",
                max_length=255,
                storage=pusselbit.attachments.storage.attachment_storage,
                upload_to=pusselbit.public.models.document_file_name,
                verbose_name="file",
            ),
            preserve_default=False,
        ),
        # Reversed, the column comes back empty and is filled from the storage.
        migrations.AlterField(
            model_name="documentfile",
            name="content",
            field=models.BinaryField(default=b""),
        ),
        migrations.RunPython(files_to_storage, files_to_database, elidable=False),
        migrations.RemoveField(model_name="documentfile", name="content"),
    ]
