"""Transfers and mobile members moved to the `movements` app (issue 9). Only Django's picture of the models
changes here: the tables stay, and movements 0001 takes them over (its 0002 renames them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_member_import'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='completed_by',
                ),
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='from_branch',
                ),
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='started_by',
                ),
                migrations.RemoveField(
                    model_name='historicaltransfer',
                    name='to_branch',
                ),
                migrations.RemoveField(
                    model_name='mobilecontact',
                    name='record',
                ),
                migrations.RemoveField(
                    model_name='mobilecontact',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='mobilerecord',
                    name='contact_person',
                ),
                migrations.RemoveField(
                    model_name='mobilerecord',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='transfer',
                    name='completed_by',
                ),
                migrations.RemoveField(
                    model_name='transfer',
                    name='from_branch',
                ),
                migrations.RemoveField(
                    model_name='transfer',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='transfer',
                    name='started_by',
                ),
                migrations.RemoveField(
                    model_name='transfer',
                    name='to_branch',
                ),
                migrations.DeleteModel(
                    name='HistoricalMobileRecord',
                ),
                migrations.DeleteModel(
                    name='HistoricalTransfer',
                ),
                migrations.DeleteModel(
                    name='MobileContact',
                ),
                migrations.DeleteModel(
                    name='MobileRecord',
                ),
                migrations.DeleteModel(
                    name='Transfer',
                ),
            ],
            database_operations=[],
        ),
    ]
