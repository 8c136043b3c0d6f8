from django.db import migrations


def create_default(apps, schema_editor):
    # The 2014 Recruitment Rules with the county's local defaults (DOMAIN §4), listed in
    # recruitment/defaults.py; administrators change them, or add the set of a later year, in the admin.
    from recruitment.defaults import ensure_defaults

    ensure_defaults(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_applicants_steps_rules")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
