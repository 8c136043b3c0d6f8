"""The reminder job: every app's checks find what is late or missing, notices delivers each once.

An app adds checks in its own `reminders.py` with `due_reminders(*, today) -> Iterable[Reminder]`
(branches.reminders.Reminder) and registers them in its AppConfig (`partywork.plugins.reminder_checks`).
This app's own check, branches without accounts, runs first."""

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization, Role
from branches.reminders import BRANCH_ROLES, TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from partywork.plugins import reminder_checks

from .services import notification_create


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


def reminders_run(*, today: datetime.date) -> int:
    """Run every reminder check and deliver what is new; safe to run any number of times a day."""
    created = 0
    for entry in reminder_checks.entries():
        for reminder in entry.check(today=today):
            _notification, was_created = notification_create(
                recipient=reminder.recipient,
                kind=reminder.kind,
                subject_key=reminder.subject_key,
                period=reminder.period,
                title=reminder.title,
                body=reminder.body,
                url=reminder.url,
                organization=reminder.organization,
            )
            created += was_created
    return created
