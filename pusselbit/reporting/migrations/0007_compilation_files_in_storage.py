"""A compilation's files move from the database into the storage that keeps the attachments
(STORAGES["attachments"], object storage in production), so that every web process and worker
reads the same files; each file's size is kept beside its name.

The old columns are renamed first (`xlsx` becomes `xlsx_bytes`), so the file fields take the
plain names; each row's bytes are written to the storage, one file at a time, and the columns
are then dropped. Reversed, the bytes are read back from the storage into the columns; the
files are left in the storage (a file written again gets a name of its own)."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import pusselbit.attachments.storage
import pusselbit.reporting.models

FILES = ("xlsx", "docx", "pdf")


def _rows(apps):
    Compilation = apps.get_model("reporting", "Compilation")
    return Compilation._base_manager


def files_to_storage(apps, schema_editor):
    storage = pusselbit.attachments.storage.attachment_storage()
    rows = _rows(apps)
    # Ids and region slugs first, then one file's bytes at a time: a compilation's files may
    # be megabytes each, and SQLite cannot read on while the same rows are written.
    for pk, region in list(rows.values_list("pk", "requirement__region__slug")):
        written = {}
        for name in FILES:
            content = rows.filter(pk=pk).values_list(f"{name}_bytes", flat=True).get()
            if content is None:
                continue
            # As pusselbit.reporting.models.compiled_file_name names a new compilation's file.
            path = f"reports/{region}/{pk}/sammanstallning.{name}"
            written[name] = storage.save(path, ContentFile(bytes(content)))
            written[f"{name}_size"] = len(content)
        if written:
            rows.filter(pk=pk).update(**written)


def files_to_database(apps, schema_editor):
    storage = pusselbit.attachments.storage.attachment_storage()
    rows = _rows(apps)
    for pk, *names in list(rows.values_list("pk", *FILES)):
        read = {}
        for name, stored in zip(FILES, names, strict=True):
            if stored:
                with storage.open(stored, "rb") as file:
                    read[f"{name}_bytes"] = file.read()
        if read:
            rows.filter(pk=pk).update(**read)


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0006_compilation_published"),
    ]

    operations = [
        *(
            migrations.RenameField(
                model_name="compilation", old_name=name, new_name=f"{name}_bytes"
            )
            for name in FILES
        ),
        migrations.AddField(
            model_name="compilation",
            name="xlsx",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=pusselbit.attachments.storage.attachment_storage,
                upload_to=pusselbit.reporting.models.compiled_file_name,
                verbose_name="Excel file",
            ),
        ),
        migrations.AddField(
            model_name="compilation",
            name="xlsx_size",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="size of the Excel file"
            ),
        ),
        migrations.AddField(
            model_name="compilation",
            name="docx",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=pusselbit.attachments.storage.attachment_storage,
                upload_to=pusselbit.reporting.models.compiled_file_name,
                verbose_name="Word file",
            ),
        ),
        migrations.AddField(
            model_name="compilation",
            name="docx_size",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="size of the Word file"
            ),
        ),
        migrations.AddField(
            model_name="compilation",
            name="pdf",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=pusselbit.attachments.storage.attachment_storage,
                upload_to=pusselbit.reporting.models.compiled_file_name,
                verbose_name="PDF file",
            ),
        ),
        migrations.AddField(
            model_name="compilation",
            name="pdf_size",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="size of the PDF file"
            ),
        ),
        migrations.RunPython(files_to_storage, files_to_database, elidable=False),
        *(migrations.RemoveField(model_name="compilation", name=f"{name}_bytes") for name in FILES),
    ]
