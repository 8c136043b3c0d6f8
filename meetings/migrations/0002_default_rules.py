"""Ship the minimum frequencies of DOMAIN §2 (Branch Regs 2018) and the seed township's local standard.

Kept as it ran: the model of this state has no `by_secretary` yet. The shipped rules now live in
meetings/defaults.py, whose ensure_defaults() migration 0003 and every post_migrate call."""

from django.db import migrations

RULES = [
    # kind, period, min count, min full members, per group, basis
    ("general", "quarter", 1, 0, False, "《中国共产党支部工作条例（试行）》第十九条：支部党员大会一般每季度召开1次"),
    ("committee", "month", 1, 7, False, "《支部工作条例》第十九条：支部委员会一般每月召开1次（正式党员7人以上设委员会）"),
    ("group", "month", 1, 0, True, "《支部工作条例》第十九条：党小组会一般每月召开1次"),
    ("lecture", "quarter", 1, 0, False, "党课一般每季度1次（本地默认）"),
    ("theme_day", "month", 1, 0, False, "《支部工作条例》第二十条：每月相对固定1天开展主题党日"),
    ("org_life", "year", 1, 0, False, "《支部工作条例》第二十一条：组织生活会一般每年召开1次"),
    ("appraisal", "year", 1, 0, False, "《支部工作条例》第二十二条：每年开展民主评议党员"),
]


def forwards(apps, schema_editor):
    Rule = apps.get_model("meetings", "ComplianceRule")
    Standard = apps.get_model("meetings", "MeetingStandard")
    for kind, period, count, full, per_group, basis in RULES:
        Rule.objects.get_or_create(
            kind=kind,
            applies_from=2018,
            defaults={
                "period": period,
                "min_count": count,
                "min_full_members": full,
                "per_group": per_group,
                "basis": basis,
            },
        )
    Standard.objects.get_or_create(applies_from=2018)


def backwards(apps, schema_editor):
    apps.get_model("meetings", "ComplianceRule").objects.filter(applies_from=2018).delete()
    apps.get_model("meetings", "MeetingStandard").objects.filter(applies_from=2018).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
