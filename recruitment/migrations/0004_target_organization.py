from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """Targets per branch as well as per township: the target's township becomes its organisation. Rows and
    their history are kept (a rename, no copy)."""

    dependencies = [
        ("branches", "0001_organizations_roles"),
        ("recruitment", "0003_applicant_closed"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="target", name="target_once_per_year"),
        migrations.RenameField(model_name="target", old_name="township", new_name="organization"),
        migrations.RenameField(model_name="historicaltarget", old_name="township", new_name="organization"),
        migrations.AlterField(
            model_name="target",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="recruitment_targets",
                to="branches.organization",
                verbose_name="党组织",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltarget",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="branches.organization",
                verbose_name="党组织",
            ),
        ),
        migrations.AlterModelOptions(
            name="target",
            options={
                "ordering": ["-year", "organization__path"],
                "verbose_name": "发展党员年度计划",
                "verbose_name_plural": "发展党员年度计划",
            },
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.UniqueConstraint(fields=("organization", "year"), name="target_once_per_year"),
        ),
    ]
