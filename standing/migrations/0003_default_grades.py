"""Ship the default scale of the yearly assessment (standing/defaults.py), when the county has none."""

from django.db import migrations


def forwards(apps, schema_editor):
    from standing.defaults import ensure_grades

    ensure_grades(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("standing", "0002_assessments")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
