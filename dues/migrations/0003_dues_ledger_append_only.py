"""On PostgreSQL the database itself refuses to change or remove a ledger entry or a receipt: corrections are
reversal entries. SQLite (the embedded first-run database) relies on the services alone."""

from django.db import migrations

TABLES = ("dues_duesentry", "dues_duesreceipt", "dues_duesremittance")

FUNCTION = """
CREATE OR REPLACE FUNCTION dues_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'dues ledger rows are append-only: % on % refused (use a reversal entry)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION dues_refuse_change();"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS dues_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("dues", "0002_dues_default_parameters")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
