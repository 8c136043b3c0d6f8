"""The reminder jobs and their calendar (issue 13). Each job runs the checks registered for it
(`partywork.plugins.ReminderCheck.job`). Celery beat starts each job through a django-celery-beat entry an
administrator may change in 系统管理 (`notices/defaults.py` creates the entries once); the days that are a
local rule (the dues collection day, the mobile members' contact day) are read from `partywork.LocalRules`
when the job runs, so the beat entry of such a job fires daily and the job runs on its day, or on the first
day after it when beat was down."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from partywork.dates import add_months, month_start
from partywork.localrules import local_rules

# How far back a job catches up after a gap: two years of months is more than any stopped beat.
CATCH_UP_MONTHS = 24


@dataclass(frozen=True)
class ReminderJob:
    name: str
    label: str
    # django-celery-beat crontab fields of the shipped beat entry (Asia/Shanghai).
    crontab: dict = field(default_factory=dict)
    # The day of the month the job is due, from the local rules in force; None: whenever beat starts it.
    local_day: Callable | None = None


JOBS: dict[str, ReminderJob] = {
    job.name: job
    for job in (
        ReminderJob(
            "monthly",
            _("每月1日：上月和上季度组织生活、本月到期事项、党费欠缴、支部账号"),
            {"minute": "30", "hour": "7", "day_of_month": "1"},
        ),
        ReminderJob(
            "dues_entry",
            _("党费登记截止日：上月党费尚未登记"),
            {"minute": "30", "hour": "7"},
            local_day=lambda rules: rules.dues_collection_day,
        ),
        ReminderJob(
            "mobile_contact",
            _("流动党员联系日：待联系、失联和组织关系转接"),
            {"minute": "30", "hour": "7"},
            local_day=lambda rules: rules.mobile_contact_day,
        ),
        ReminderJob(
            "weekly",
            _("每周一：发展党员步骤即将到期或已逾期"),
            {"minute": "30", "hour": "7", "day_of_week": "1"},
        ),
    )
}


def job_label(name: str) -> str:
    job = JOBS.get(name)
    return str(job.label) if job else name


def due_on_day(job: ReminderJob, *, after: datetime.date | None, today: datetime.date) -> bool:
    """Whether a job with a local day is due when beat starts it on `today`: its day of some month lies in
    (after, today]. Never run before: only on its day (or later in that month)."""
    if job.local_day is None:
        return True
    month = month_start(today)
    for _step in range(CATCH_UP_MONTHS + 1):
        day = month.replace(day=job.local_day(local_rules(on=month)))
        if day <= today and (after is None or day > after):
            return True
        if after is None or month <= after:
            return False
        month = add_months(month, -1)
    return False


def catch_up_days(*, after: datetime.date | None, today: datetime.date) -> list[datetime.date]:
    """The days a catching-up check is also run as of: the 1st of every month after the last successful run
    and before today (each 1st closes a month, and a quarter or year when it closes one). None before the
    first run: a new installation does not report its past."""
    if after is None:
        return []
    days = []
    day = add_months(month_start(after), 1)
    while day < today:
        days.append(day)
        day = add_months(day, 1)
    return days[-CATCH_UP_MONTHS:]
