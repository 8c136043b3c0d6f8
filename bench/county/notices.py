"""The reminders the accounts have already had: the daily job (`notices.reminders`) ran every day, and each
reminder is kept once per key and period. The builder runs every app's real checks (the registry the job
uses) as of the first day of each of the last two months and keeps what they yield, read or not, so the
measured run of today finds a county with a history of reminders and delivers this month's."""

import datetime

from notices.models import Notification
from partywork.dates import add_months, month_start
from partywork.plugins import reminder_checks

from .bulk import copy
from .plan import County


def build_notices(county: County) -> None:
    rng = county.rng("notices")
    runs = [month_start(add_months(county.today, -offset)) for offset in (2, 1)]
    seen, rows = set(), []
    for run in runs:
        if run < county.start:
            continue
        recent = run == runs[-1]
        for entry in reminder_checks.entries():
            for reminder in entry.check(today=run):
                key = (reminder.recipient.pk, reminder.kind, reminder.subject_key, reminder.period)
                if key in seen:
                    continue
                seen.add(key)
                created = county.at(run, 7, 30)
                read = rng.random() < (0.5 if recent else 0.85)
                rows.append(
                    Notification(
                        recipient_id=reminder.recipient.pk,
                        kind=reminder.kind,
                        subject_key=reminder.subject_key,
                        period=reminder.period,
                        organization_id=reminder.organization.pk if reminder.organization else None,
                        title=str(reminder.title)[:200],
                        body=str(reminder.body),
                        url=reminder.url,
                        created_at=created,
                        read_at=created + datetime.timedelta(days=rng.randint(0, 9), hours=2) if read else None,
                    )
                )
    copy(Notification, rows)
    county.counts["notifications"] = len(rows)
