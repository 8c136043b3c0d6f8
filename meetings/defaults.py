"""The reference data meetings ships: the minimum frequencies of DOMAIN §2 (Branch Regs 2018) and the seed
township's local standard, from 2018 on. Administrators change them (or add a later year's) in 系统管理.

`ensure_defaults()` is the one way they get into a database: migration 0003 calls it, and so does every
`post_migrate` (MeetingsConfig.ready), which Django also sends after a flush, so a test database emptied by a
transactional test gets them back. It only creates rows that are missing and never changes one that exists.
It runs on the models of the migration state it is given: a later migration that changes these models must
keep it working on that state, or ship its own rows."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

SINCE = 2018

# kind, by_secretary, period, min count, min full members, per group, basis
# Each basis quotes only what its regulation says. The branch secretary's yearly lecture is not here: the Branch
# Regs ask it of the committee (党委) secretary only; the county's rule for branch secretaries is local data
# (partywork.LocalRules.branch_secretary_lectures_per_year), and migration 0004 retires the row once shipped.
# fmt: off
RULES = [
    ("general", False, "quarter", 1, 0, False, "《中国共产党支部工作条例（试行）》第十一条：党支部党员大会一般每季度召开1次"),  # noqa: E501
    ("committee", False, "month", 1, 7, False, "《支部工作条例》第十二条：党支部委员会会议一般每月召开1次；有正式党员7人以上的党支部设立党支部委员会"),  # noqa: E501
    ("group", False, "month", 1, 0, True, "《支部工作条例》第十三条：党小组会一般每月召开1次"),
    ("lecture", False, "quarter", 1, 0, False, "本地默认：党课每季度1次（《支部工作条例》第十六条未规定党课次数）"),
    ("theme_day", False, "month", 1, 0, False, "《支部工作条例》：党支部每月相对固定1天开展主题党日"),
    ("org_life", False, "year", 1, 0, False, "《支部工作条例》：党支部每年至少召开1次组织生活会，一般安排在第四季度"),
    ("appraisal", False, "year", 1, 0, False, "《支部工作条例》：党支部一般每年开展1次民主评议党员"),
]
# The texts shipped before issue 10, replaced by migration 0004 where an administrator left them as they were.
OLD_BASIS = {
    ("general", False): "《中国共产党支部工作条例（试行）》第十九条：支部党员大会一般每季度召开1次",
    ("committee", False): "《支部工作条例》第十九条：支部委员会一般每月召开1次（正式党员7人以上设委员会）",
    ("group", False): "《支部工作条例》第十九条：党小组会一般每月召开1次",
    ("lecture", False): "党课一般每季度1次（本地默认）",
    ("lecture", True): "《支部工作条例》第十九条：党支部书记每年至少讲1次党课",
    ("theme_day", False): "《支部工作条例》第二十条：每月相对固定1天开展主题党日",
    ("org_life", False): "《支部工作条例》第二十一条：组织生活会一般每年召开1次",
    ("appraisal", False): "《支部工作条例》第二十二条：每年开展民主评议党员",
}
RETIRED_SECRETARY_BASIS = (
    "已停用：《支部工作条例》第十六条只规定党委（党组）书记每年至少讲1次党课；"
    "支部书记讲党课次数是本地规则，在“本地规则”中设定"
)
# fmt: on


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create each shipped rule (by kind, secretary flag and year) and the 2018 standard that is missing;
    returns how many rows it created. Existing rows, edited or deactivated by an administrator, stay as they are."""
    Rule = apps.get_model("meetings", "ComplianceRule")
    Standard = apps.get_model("meetings", "MeetingStandard")
    created = 0
    for kind, by_secretary, period, count, full, per_group, basis in RULES:
        _, made = Rule.objects.using(using).get_or_create(
            kind=kind,
            by_secretary=by_secretary,
            applies_from=SINCE,
            defaults={
                "period": period,
                "min_count": count,
                "min_full_members": full,
                "per_group": per_group,
                "basis": basis,
            },
        )
        created += made
    _, made = Standard.objects.using(using).get_or_create(applies_from=SINCE)
    return created + made
