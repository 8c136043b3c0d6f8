"""Pure rules of training and study (DOMAIN §2). No ORM here."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    CENTRAL = "central", _("集中培训")
    WINTER = "winter", _("冬季轮训")
    ACTIVIST = "activist", _("入党积极分子培训班")
    ONLINE = "online", _("网络学习")
    REMOTE = "remote", _("远程教育")


# DOMAIN §2 [national] (Member Regs and the national training plan): every member trains at least 32 hours
# a year; branch secretaries and committee members at least 56. Regulation, so constants, not local data.
MEMBER_MIN_HOURS = Decimal("32")
COMMITTEE_MIN_HOURS = Decimal("56")

# A session longer than this is a mistake (a three-day course is 24 hours; a long course is entered per
# part so that each part lands in its own year).
MAX_SESSION_HOURS = Decimal("100")

HOURS = Decimal("0.1")


def hours(value) -> Decimal:
    """Hours to one decimal, rounded half-up."""
    return Decimal(value).quantize(HOURS, rounding=ROUND_HALF_UP)


def minutes_to_hours(minutes: int) -> Decimal:
    """Remote-education viewing (logged in minutes) as study hours."""
    return hours(Decimal(minutes) / Decimal(60))


def required_hours(*, committee: bool) -> Decimal:
    """DOMAIN §2 [national]: 56 hours a year for secretaries and committee members, 32 for every member."""
    return COMMITTEE_MIN_HOURS if committee else MEMBER_MIN_HOURS


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """A study year is the calendar year: 1 January to 31 December, both counted."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def session_hours_errors(value: Decimal | None) -> list[str]:
    if value is None:
        return [str(_("请填写学时。"))]
    if value <= 0:
        return [str(_("学时须大于0，请填写实际培训学时（例如 2 或 3.5）。"))]
    if value > MAX_SESSION_HOURS:
        return [str(_("一次培训不能超过 %(max)s 学时；多日培训请按每天分别登记。") % {"max": MAX_SESSION_HOURS})]
    return []


@dataclass(frozen=True)
class HoursStanding:
    """One member's study hours of a year against the minimum for their role."""

    member_id: int
    name: str
    committee: bool
    training: Decimal
    remote: Decimal

    @property
    def total(self) -> Decimal:
        return self.training + self.remote

    @property
    def required(self) -> Decimal:
        return required_hours(committee=self.committee)

    @property
    def shortfall(self) -> Decimal:
        return max(self.required - self.total, Decimal("0.0"))

    @property
    def met(self) -> bool:
        return self.total >= self.required


# DOMAIN §2 (Branch Regs): every member has at least one heart-to-heart talk (谈心谈话) a year.
TALKS_PER_YEAR = 1
# From the last quarter the branch is shown (and reminded of) the members still without a talk this year.
TALKS_DUE_FROM_MONTH = 10
TALK_TOPIC_MAX = 200


def talks_due_listed(*, year: int, today: datetime.date) -> bool:
    """Whether the members without a talk in `year` are listed as due: in the fourth quarter of that year,
    and for any year already over."""
    return year < today.year or (year == today.year and today.month >= TALKS_DUE_FROM_MONTH)


def coverage(talked: int, members: int) -> int | None:
    """Share of members with a talk this year, in whole percent (None without members)."""
    if not members:
        return None
    return int((Decimal(talked) * 100 / Decimal(members)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class CareReason(models.TextChoices):
    HARDSHIP = "hardship", _("生活困难党员")
    ELDERLY = "elderly", _("老党员")
    SICK = "sick", _("患病党员")
    OTHER = "other", _("其他")


class CareOccasion(models.TextChoices):
    JULY_FIRST = "july_first", _("七一走访慰问")
    SPRING_FESTIVAL = "spring_festival", _("春节走访慰问")
    ROUTINE = "routine", _("日常关怀")


# A single gift of money above this is a typing error rather than a visit (local practice gives hundreds).
CARE_AMOUNT_MAX = Decimal("100000")


class PublicationKind(models.TextChoices):
    DUES = "dues", _("党费收缴情况")
    RECRUITMENT = "recruitment", _("发展党员情况")
    FINANCES = "finances", _("党组织经费收支")
    OTHER = "other", _("其他党务")


class PublicationChannel(models.TextChoices):
    BOARD = "board", _("党务公开栏")
    MEETING = "meeting", _("党员大会通报")
    ONLINE = "online", _("网络平台（微信群等）")
