"""The reminder jobs' beat entries (notices/defaults.py), replacing the single daily entry of the settings."""

from django.db import migrations


def forwards(apps, schema_editor):
    from notices.defaults import ensure_defaults

    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.using(schema_editor.connection.alias).filter(
        name="daily-reminders", task="notices.tasks.reminders_run_task"
    ).delete()
    ensure_defaults(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0002_digests_job_state"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
