"""The national defaults of the Dues Rules (中组发〔2008〕3号), as data an administrator can change: the
province sets the farmer amount (0.20–1.00 yuan, default 0.50). What they are: dues/defaults.py."""

from django.db import migrations


def ship_defaults(apps, schema_editor):
    from dues.defaults import ensure_defaults

    ensure_defaults(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("dues", "0001_dues_ledger")]

    operations = [migrations.RunPython(ship_defaults, migrations.RunPython.noop)]
