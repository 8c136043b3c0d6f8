"""The reminder jobs: every app's checks find what is late or missing, notices delivers each item once, in
one digest per person and run.

An app adds checks in its own `reminders.py` with `due_reminders(*, today) -> Iterable[Reminder]`
(branches.reminders.Reminder) and registers them in its AppConfig (`partywork.plugins.reminder_checks`),
naming the job that runs them (`notices/schedule.py`). This app's own check, branches without accounts,
runs first in the monthly job."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization, Role
from branches.reminders import BRANCH_ROLES, TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from partywork.plugins import reminder_checks

from . import schedule
from .services import digests_deliver, job_lock, job_succeeded


def branches_without_accounts(*, today: datetime.date) -> Iterable[Reminder]:
    """Active branches where nobody can log in to record their work: tell the township above, monthly."""
    staffed = Role.objects.filter(
        organization=OuterRef("pk"), kind__in=BRANCH_ROLES, is_active=True, user__is_active=True
    )
    branches = (
        Organization.objects.branches()
        .active()
        .annotate(staffed=Exists(staffed))
        .filter(staffed=False)
        .order_by("path")
    )
    township_roles = role_holders(TOWNSHIP_ROLES)
    for branch in branches:
        for user in holders_over(branch, township_roles):
            yield Reminder(
                recipient=user,
                kind="branch_without_account",
                subject_key=f"org:{branch.pk}",
                period=today.strftime("%Y-%m"),
                organization=branch,
                title=_("%(name)s 尚无支部书记或组织委员账号") % {"name": branch.name},
                body=_("该支部目前没有可登录的支部书记或组织委员账号，无法按时登记组织生活和党费。请为其新建账号。"),
                url=reverse("branches:organization_detail", kwargs={"org_pk": branch.pk}),
            )


@dataclass
class JobRun:
    job: str
    today: datetime.date
    ran: bool = False
    days: list = field(default_factory=list)  # the days looked back over, then today
    reminders: list = field(default_factory=list)  # what was new (a dry run: what would be)
    digests: int = 0

    @property
    def created(self) -> int:
        return len(self.reminders)


def job_names() -> list[str]:
    """The jobs in their calendar's order, then any job a check names that the calendar does not know."""
    named = [entry.job for entry in reminder_checks.entries()]
    return list(schedule.JOBS) + [name for name in dict.fromkeys(named) if name not in schedule.JOBS]


def job_reminders(*, job: str, today: datetime.date, catch_up_from: list[datetime.date]) -> list[Reminder]:
    """What the checks of `job` find as of today, and, for checks of ended periods, what was overdue as of
    each day in `catch_up_from`; each key once."""
    found: dict[tuple, Reminder] = {}
    for entry in reminder_checks.entries():
        if entry.job != job:
            continue
        for day in [*catch_up_from, today] if entry.catch_up else [today]:
            for reminder in entry.check(today=day):
                if day != today and not reminder.kind.endswith("overdue"):
                    continue  # what was only coming due then has since come due, or been done
                key = (reminder.recipient.pk, reminder.kind, reminder.subject_key, reminder.period)
                found.setdefault(key, reminder)
    return list(found.values())


def reminders_job_run(*, job: str, today: datetime.date, scheduled: bool = False, dry_run: bool = False) -> JobRun:
    """Run one reminder job as of `today` and deliver what is new, one digest per person. It catches up on
    every period that ended since its last successful run; run again the same day, by two workers at once
    or after a crash, it sends nothing twice. `scheduled`: started by beat, so a job with a local day runs
    only when that day has come. Anyone may run it (it sends people only what they may see)."""
    if job not in job_names():
        raise ImproperlyConfigured(f"unknown reminder job: {job}")
    run = JobRun(job=job, today=today)
    with job_lock(job) as state:
        last = state.last_success_on
        if last is not None and last >= today:
            return run
        if scheduled and job in schedule.JOBS and not schedule.due_on_day(schedule.JOBS[job], after=last, today=today):
            return run
        run.days = [*schedule.catch_up_days(after=last, today=today), today]
        run.reminders = job_reminders(job=job, today=today, catch_up_from=run.days[:-1])
        run.ran = True
        if dry_run:
            run.reminders, run.digests = digests_deliver(reminders=run.reminders, job=job, today=today, dry_run=True)
            transaction.set_rollback(True)  # a check may have applied a rule (lost contact): undo it
            return run
        run.reminders, run.digests = digests_deliver(reminders=run.reminders, job=job, today=today)
        job_succeeded(state, today=today, created=run.created)
    return run


def reminders_run(*, today: datetime.date) -> int:
    """Run every reminder job as of `today` (by hand: whatever their calendar says); returns how many items
    were new. Safe to run any number of times a day."""
    return sum(reminders_job_run(job=name, today=today).created for name in job_names())
