from django.db import migrations


def load(apps, schema_editor):
    from pusselbit.agreements import reference

    reference.load(apps.get_model("agreements", "Direction"), apps.get_model("agreements", "PriorityArea"))


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
