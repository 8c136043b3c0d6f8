"""The vocabulary of organisational life (DOMAIN §2, Branch Regs): kinds of meeting, periods, attendance
choices, appraisal grades and the outcome of a resolution. Models, forms and rules all take their choices
from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _lazy


class MeetingKind(models.TextChoices):
    GENERAL = "general", _lazy("支部党员大会")
    COMMITTEE = "committee", _lazy("支部委员会")
    GROUP = "group", _lazy("党小组会")
    LECTURE = "lecture", _lazy("党课")
    THEME_DAY = "theme_day", _lazy("主题党日")
    ORG_LIFE = "org_life", _lazy("组织生活会")
    APPRAISAL = "appraisal", _lazy("民主评议党员")
    PARTY_COMMITTEE = "party_committee", _lazy("党委会")
    CENTRE_GROUP = "centre_group", _lazy("理论学习中心组学习")
    DEMOCRATIC_LIFE = "democratic_life", _lazy("民主生活会")
    OTHER = "other", _lazy("其他")


# Kinds a party group may hold on its own (the rest are the branch's).
GROUP_KINDS = (MeetingKind.GROUP, MeetingKind.LECTURE, MeetingKind.THEME_DAY, MeetingKind.OTHER)
# The township committee's own organisational life (DOMAIN §2); only a township committee holds these.
TOWNSHIP_LIFE_KINDS = (
    MeetingKind.PARTY_COMMITTEE,
    MeetingKind.CENTRE_GROUP,
    MeetingKind.DEMOCRATIC_LIFE,
    MeetingKind.OTHER,
)
# Kinds whose resolutions are voted on under the majority rule of Branch Regs art. 9 / Constitution art. 17.
VOTING_KINDS = (MeetingKind.GENERAL, MeetingKind.COMMITTEE)


class Period(models.TextChoices):
    MONTH = "month", _lazy("每月")
    QUARTER = "quarter", _lazy("每季度")
    YEAR = "year", _lazy("每年")


class Attendance(models.TextChoices):
    """One choice per row of the attendance grid: present, or absent with the reason."""

    PRESENT = "present", _lazy("出席")
    SICK = "sick", _lazy("病假")
    PERSONAL = "personal", _lazy("事假")
    OFFICIAL = "official", _lazy("公务")
    AWAY = "away", _lazy("外出务工")
    OTHER = "other", _lazy("其他原因")
    NOT_EXPECTED = "not_expected", _lazy("无需参加")


ABSENCE_CHOICES = [c for c in Attendance.choices if c[0] not in (Attendance.PRESENT, Attendance.NOT_EXPECTED)]


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _lazy("优秀")
    QUALIFIED = "qualified", _lazy("合格")
    BASIC = "basic", _lazy("基本合格")
    UNQUALIFIED = "unqualified", _lazy("不合格")


class UnqualifiedHandling(models.TextChoices):
    """How a member graded 不合格 is dealt with (Member Regs art. 31)."""

    EDUCATE = "educate", _lazy("限期改正")
    PERSUADE = "persuade", _lazy("劝其退党")
    REMOVE = "remove", _lazy("除名")
    EXTEND = "extend", _lazy("延长预备期")
    CANCEL = "cancel", _lazy("取消预备党员资格")


class ResolutionOutcome(models.TextChoices):
    """A resolution's outcome, computed by the vote rule (`branches.votes`), never typed."""

    PASSED = "passed", _lazy("通过")
    FAILED = "failed", _lazy("未通过")
    RECORDED = "recorded", _lazy("已记录")


def kind_label(kind: str) -> str:
    return str(MeetingKind(kind).label)
