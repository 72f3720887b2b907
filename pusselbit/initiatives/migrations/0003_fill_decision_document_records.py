"""Decisions registered before their document was kept as a record get their record now, made
from the data as it stands at this migration (documents.records.registered_content): what
happened to a decision since (a correction, released funds) is said on it when it is
downloaded, as for every decision."""

from django.db import migrations


def fill(apps, schema_editor):
    # The document is built by the product's own code from the current models; a database
    # with no decision without a record (a new one) has nothing to do here.
    historical = apps.get_model("initiatives", "Decision")
    if not historical.objects.filter(document_record__isnull=True).exists():
        return
    from pusselbit.documents.records import registered_content
    from pusselbit.initiatives.models import Decision, DecisionDocument

    for decision in Decision.objects.filter(document_record__isnull=True):
        DecisionDocument.objects.create(decision=decision, content=registered_content(decision))


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
