"""Assignments adopted before their document was kept as a record get their record now, made
from the data as it stands at this migration (documents.records.adopted_record)."""

from django.db import migrations


def fill(apps, schema_editor):
    # The document is built by the product's own code from the current models; a database
    # with no adopted assignment without a record (a new one) has nothing to do here.
    historical = apps.get_model("assignments", "Assignment")
    if not historical.objects.filter(status="adopted", adopted_content__isnull=True).exists():
        return
    from pusselbit.assignments.models import Assignment
    from pusselbit.documents.records import adopted_record

    for assignment in Assignment.objects.filter(status="adopted", adopted_content__isnull=True):
        record = adopted_record(assignment)
        Assignment.objects.filter(pk=assignment.pk).update(**record)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_created_in"),
        ("agreements", "0002_directions_and_priority_areas"),
        ("assignments", "0004_adopted_document_record"),
        ("funds", "0001_initial"),
        ("initiatives", "0002_decision_document_record"),
        ("organisations", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
