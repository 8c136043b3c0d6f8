from django.db import migrations


def create_default(apps, schema_editor):
    # The 2014 Recruitment Rules with the county's local defaults (DOMAIN §4); administrators change
    # them, or add the set of a later year, in the admin.
    RuleSet = apps.get_model("recruitment", "RuleSet")
    RuleSet.objects.get_or_create(
        applies_from=2014,
        defaults={
            "min_age": 18,
            "talk_within_months": 1,
            "application_to_activist_months": 6,
            "activist_to_candidate_months": 12,
            "assessment_interval_months": 6,
            "political_review_valid_months": 12,
            "training_min_days": 3,
            "training_min_hours": 24,
            "vote_within_months_of_prereview": 1,
            "approval_within_months": 3,
            "approval_special_months": 6,
            "probation_months": 12,
            "extension_min_months": 6,
            "extension_max_months": 12,
            "notice_min_workdays": 5,
            "source": "《中国共产党发展党员工作细则》（2014）及本县规定",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_applicants_steps_rules")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
