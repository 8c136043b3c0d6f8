"""Ship the default criteria for listing a branch as weak and lax (standing/defaults.py), when the county has
none."""

from django.db import migrations


def forwards(apps, schema_editor):
    from standing.defaults import ensure_criteria

    ensure_criteria(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("standing", "0004_rectifications")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
