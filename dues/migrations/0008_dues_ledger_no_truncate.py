"""On PostgreSQL the ledger tables also refuse TRUNCATE (issue 15, finding 6): the row triggers of 0003 do
not fire for TRUNCATE, which would empty the ledger in one statement. A statement-level trigger refuses it
unless the session says `SET partywork.ledger_truncate = 'allowed'` on purpose: Django's test runner
(settings/test.py sets it for its connections, since it empties every table between transactional tests)
or an operator restoring a backup. SQLite relies on the services alone.

Written in the dues app, for dues' own ledger and its history tables only; the other apps' audit history
tables can follow the same pattern in their own migrations."""

from django.db import migrations

TABLES = (
    "dues_duesentry",
    "dues_duesreceipt",
    "dues_duesremittance",
    "dues_paidmonth",
    "dues_duescounter",
    "dues_historicalduesstandard",
    "dues_historicalduesrelief",
    "dues_historicalduesparameters",
    "dues_historicalduesbracket",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION dues_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('partywork.ledger_truncate', true), '') <> 'allowed' THEN
        RAISE EXCEPTION 'dues ledger tables are append-only: TRUNCATE on % refused', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION dues_refuse_truncate();"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS dues_refuse_truncate();")


class Migration(migrations.Migration):
    dependencies = [("dues", "0007_receipt_late_reason_db_default")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
