"""The reference data recruitment ships: the parameters of the 2014 Recruitment Rules with the county's local
defaults (DOMAIN §4), from 2014 on. Administrators change them, or add the set of a later year, in 系统管理
「发展党员规则参数」.

`ensure_defaults()` is the one way they get into a database: migration 0002 calls it, and so does every
`post_migrate` (RecruitmentConfig.ready), which Django also sends after a flush. It only creates what is
missing and never changes what exists. It runs on the models of the migration state it is given: a later
migration that changes RuleSet must keep it working on that state, or ship its own rows."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

SINCE = 2014
PARAMETERS = {
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
}


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create the 2014 rule set unless a set for 2014 exists (as an administrator left it); returns how many
    rows it created."""
    RuleSet = apps.get_model("recruitment", "RuleSet")
    _, created = RuleSet.objects.using(using).get_or_create(applies_from=SINCE, defaults=PARAMETERS)
    return int(created)
