"""Transfers and mobile members, taken over from `members` (issue 9) without touching the data.

The tables were created by members 0001 and keep their names here (state only: `members` forgot the models
in its 0003, this app learns them, the database is unchanged); 0002 then renames them to movements_*.
The content types follow, so admin log entries and permissions keep pointing at the same models."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ("transfer", "historicaltransfer", "mobilerecord", "historicalmobilerecord", "mobilecontact")


def _move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.db_manager(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)
    content_types.clear_cache()


def content_types_forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="members", target="movements")


def content_types_backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="movements", target="members")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('branches', '0001_organizations_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('members', '0003_movements_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalMobileRecord',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('left_on', models.DateField(verbose_name='外出日期')),
                        ('reason', models.CharField(max_length=100, verbose_name='外出原因')),
                        ('dest_province', models.CharField(max_length=20, verbose_name='流入省份')),
                        ('dest_city', models.CharField(max_length=50, verbose_name='流入城市')),
                        ('dest_unit', models.CharField(blank=True, max_length=100, verbose_name='流入地党组织或单位')),
                        ('employer', models.CharField(blank=True, max_length=100, verbose_name='务工单位')),
                        ('phone_masked', models.CharField(blank=True, editable=False, max_length=20, verbose_name='外出联系电话')),
                        ('card_number', models.CharField(blank=True, max_length=40, verbose_name='流动党员活动证编号')),
                        ('card_issued_on', models.DateField(blank=True, null=True, verbose_name='活动证发放日期')),
                        ('dues_status', models.CharField(blank=True, max_length=100, verbose_name='党费交纳方式')),
                        ('last_contact_on', models.DateField(blank=True, null=True, verbose_name='最近联系日期')),
                        ('returned_on', models.DateField(blank=True, null=True, verbose_name='返回日期')),
                        ('lost_contact_on', models.DateField(blank=True, null=True, verbose_name='失联日期')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('contact_person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.member', verbose_name='联系人')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.member', verbose_name='党员')),
                    ],
                    options={
                        'verbose_name': 'historical 流动党员登记',
                        'verbose_name_plural': 'historical 流动党员登记',
                        'db_table': 'members_historicalmobilerecord',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalTransfer',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('within', '县内转接'), ('out', '转出本县'), ('in', '从县外转入')], max_length=10, verbose_name='转接类型')),
                        ('status', models.CharField(choices=[('pending', '待接收'), ('completed', '已完成'), ('cancelled', '已撤回')], default='pending', max_length=10, verbose_name='状态')),
                        ('external_org', models.CharField(blank=True, max_length=200, verbose_name='县外党组织')),
                        ('letter_number', models.CharField(blank=True, max_length=40, verbose_name='介绍信编号')),
                        ('reason', models.CharField(max_length=200, verbose_name='转接原因')),
                        ('issued_on', models.DateField(verbose_name='开具日期')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='有效期至')),
                        ('dues_paid_until', models.DateField(blank=True, null=True, verbose_name='党费交至（月）')),
                        ('started_at', models.DateTimeField(blank=True, editable=False, verbose_name='发起时间')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='接收日期')),
                        ('return_slip_received_on', models.DateField(blank=True, null=True, verbose_name='回执收到日期')),
                        ('notes', models.TextField(blank=True, verbose_name='备注')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('completed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('from_branch', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='branches.organization', verbose_name='转出党支部')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.member', verbose_name='党员')),
                        ('started_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('to_branch', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='branches.organization', verbose_name='转入党支部')),
                    ],
                    options={
                        'verbose_name': 'historical 组织关系转接',
                        'verbose_name_plural': 'historical 组织关系转接',
                        'db_table': 'members_historicaltransfer',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='MobileRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('left_on', models.DateField(verbose_name='外出日期')),
                        ('reason', models.CharField(max_length=100, verbose_name='外出原因')),
                        ('dest_province', models.CharField(max_length=20, verbose_name='流入省份')),
                        ('dest_city', models.CharField(max_length=50, verbose_name='流入城市')),
                        ('dest_unit', models.CharField(blank=True, max_length=100, verbose_name='流入地党组织或单位')),
                        ('employer', models.CharField(blank=True, max_length=100, verbose_name='务工单位')),
                        ('phone_cipher', models.TextField(blank=True, editable=False, verbose_name='外出联系电话（密文）')),
                        ('phone_masked', models.CharField(blank=True, editable=False, max_length=20, verbose_name='外出联系电话')),
                        ('card_number', models.CharField(blank=True, max_length=40, verbose_name='流动党员活动证编号')),
                        ('card_issued_on', models.DateField(blank=True, null=True, verbose_name='活动证发放日期')),
                        ('dues_status', models.CharField(blank=True, max_length=100, verbose_name='党费交纳方式')),
                        ('last_contact_on', models.DateField(blank=True, null=True, verbose_name='最近联系日期')),
                        ('returned_on', models.DateField(blank=True, null=True, verbose_name='返回日期')),
                        ('lost_contact_on', models.DateField(blank=True, null=True, verbose_name='失联日期')),
                        ('contact_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.member', verbose_name='联系人')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mobile_records', to='members.member', verbose_name='党员')),
                    ],
                    options={
                        'verbose_name': '流动党员登记',
                        'verbose_name_plural': '流动党员登记',
                        'db_table': 'members_mobilerecord',
                        'ordering': ['-left_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='MobileContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contacted_on', models.DateField(verbose_name='联系日期')),
                        ('channel', models.CharField(choices=[('phone', '电话'), ('message', '微信/短信'), ('visit', '走访'), ('letter', '信函')], max_length=10, verbose_name='联系方式')),
                        ('notes', models.CharField(blank=True, max_length=300, verbose_name='情况')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='登记时间')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contacts', to='movements.mobilerecord')),
                    ],
                    options={
                        'verbose_name': '流动党员联系记录',
                        'verbose_name_plural': '流动党员联系记录',
                        'db_table': 'members_mobilecontact',
                        'ordering': ['-contacted_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Transfer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('within', '县内转接'), ('out', '转出本县'), ('in', '从县外转入')], max_length=10, verbose_name='转接类型')),
                        ('status', models.CharField(choices=[('pending', '待接收'), ('completed', '已完成'), ('cancelled', '已撤回')], default='pending', max_length=10, verbose_name='状态')),
                        ('external_org', models.CharField(blank=True, max_length=200, verbose_name='县外党组织')),
                        ('letter_number', models.CharField(blank=True, max_length=40, verbose_name='介绍信编号')),
                        ('reason', models.CharField(max_length=200, verbose_name='转接原因')),
                        ('issued_on', models.DateField(verbose_name='开具日期')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='有效期至')),
                        ('dues_paid_until', models.DateField(blank=True, null=True, verbose_name='党费交至（月）')),
                        ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='发起时间')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='接收日期')),
                        ('return_slip_received_on', models.DateField(blank=True, null=True, verbose_name='回执收到日期')),
                        ('notes', models.TextField(blank=True, verbose_name='备注')),
                        ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('from_branch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='branches.organization', verbose_name='转出党支部')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transfers', to='members.member', verbose_name='党员')),
                        ('started_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('to_branch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='branches.organization', verbose_name='转入党支部')),
                    ],
                    options={
                        'verbose_name': '组织关系转接',
                        'verbose_name_plural': '组织关系转接',
                        'db_table': 'members_transfer',
                        'ordering': ['-issued_on', '-pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='mobilerecord',
                    constraint=models.UniqueConstraint(condition=models.Q(('returned_on__isnull', True)), fields=('member',), name='mobile_one_open_per_member'),
                ),
                migrations.AddConstraint(
                    model_name='mobilerecord',
                    constraint=models.CheckConstraint(condition=models.Q(('returned_on__isnull', True), ('returned_on__gte', models.F('left_on')), _connector='OR'), name='mobile_returns_after_leaving'),
                ),
                migrations.AddConstraint(
                    model_name='transfer',
                    constraint=models.UniqueConstraint(condition=models.Q(('letter_number', ''), _negated=True), fields=('direction', 'letter_number'), name='transfer_letter_unique'),
                ),
                migrations.AddConstraint(
                    model_name='transfer',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('member',), name='transfer_one_pending_per_member'),
                ),
                migrations.AddConstraint(
                    model_name='transfer',
                    constraint=models.CheckConstraint(condition=models.Q(('valid_until__isnull', True), ('valid_until__gte', models.F('issued_on')), _connector='OR'), name='transfer_valid_after_issue'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
