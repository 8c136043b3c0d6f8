"""Not taking part in organisational life (Constitution art. 9): a member who, without good reason, does not
take part in the party's organisational life for six consecutive months is treated as having left the party
(自行脱党), the same six-month clock as unpaid dues. Pure: the caller counts each month's attendance.

A month counts against the member when they were expected at one meeting or more in it, attended none, and gave
no good reason for any absence: illness (病假), approved leave (事假, 公务), or — for a member away as a mobile
member (流动党员) — absence while taking part at the destination organisation. A month with no meeting they were
expected at does not count against them and ends the run (the branch held nothing; that is the branch's lapse,
which the compliance pages show). Only ended months count: the current month is not missed until it ends."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from partywork.dates import add_months

from .choices import Attendance

# Absences with a good reason (DOMAIN §3: illness, approved leave); AWAY is one only for a mobile member.
GOOD_REASONS = (Attendance.SICK, Attendance.PERSONAL, Attendance.OFFICIAL)
WARNING_MONTHS = 3  # warn early, as the dues lapse does
LAPSE_MONTHS = 6  # Constitution art. 9: six consecutive months
LOOKBACK_MONTHS = 12  # how far back a run is counted (shown as "12 or more")


@dataclass(frozen=True)
class MonthAttendance:
    expected: int = 0  # meetings the member was expected at in the month
    present: int = 0
    excused: int = 0  # absences with a good reason


def month_missed(month: MonthAttendance | None) -> bool:
    """Expected at a meeting, present at none, no good reason for any absence."""
    return month is not None and month.expected > 0 and month.present == 0 and month.excused == 0


def last_ended_month(today: datetime.date) -> datetime.date:
    """The first day of the last month that has ended on `today`."""
    return add_months(today.replace(day=1), -1)


def lapse_run(months: dict[datetime.date, MonthAttendance], *, today: datetime.date) -> int:
    """Consecutive missed months ending with the last ended month (at most LOOKBACK_MONTHS)."""
    run, month = 0, last_ended_month(today)
    while run < LOOKBACK_MONTHS and month_missed(months.get(month)):
        run += 1
        month = add_months(month, -1)
    return run


def lapse_level(run: int) -> str:
    """ "escalation" at six months (Constitution art. 9), "warning" from three, else ""."""
    if run >= LAPSE_MONTHS:
        return "escalation"
    if run >= WARNING_MONTHS:
        return "warning"
    return ""


def lapse_text(name: str, run: int) -> str:
    if run >= LAPSE_MONTHS:
        return _(
            "%(name)s 已连续 %(n)s 个月无正当理由未参加组织生活（满6个月按党章第九条视为自行脱党，请按规定处理）"
        ) % {"name": name, "n": run}
    return _("%(name)s 已连续 %(n)s 个月无正当理由未参加组织生活，请谈心提醒") % {"name": name, "n": run}
