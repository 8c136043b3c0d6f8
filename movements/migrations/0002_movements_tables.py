"""The tables taken over from `members` get this app's names (members_transfer -> movements_transfer, ...).
A rename only: rows, keys, constraints and history stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('movements', '0001_movements_from_members'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='historicalmobilerecord',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicaltransfer',
            table=None,
        ),
        migrations.AlterModelTable(
            name='mobilecontact',
            table=None,
        ),
        migrations.AlterModelTable(
            name='mobilerecord',
            table=None,
        ),
        migrations.AlterModelTable(
            name='transfer',
            table=None,
        ),
    ]
