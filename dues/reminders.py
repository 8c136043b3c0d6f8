"""Dues reminders: members 3 months behind (warning) and 6 months behind (escalation: Constitution art. 9,
treated as having left the party without proper reason) go to the branch's secretary and organiser; the
6-month cases also to the township committee. Members who owe dues without a standard (未核定: new, imported
or transferred-in members owe from joining or arriving) go to the branch's officers too."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.reminders import BRANCH_ROLES, TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from branches.rules import MEMBER_HOLDING_KINDS

from .selectors import arrears_list, unassessed_list


def due_reminders(*, today) -> Iterable[Reminder]:
    """One reminder per member, level and month for the branch officers (and the township at 6 months)."""
    branch_roles = role_holders(BRANCH_ROLES)
    township_roles = role_holders(TOWNSHIP_ROLES)
    if not branch_roles and not township_roles:
        return
    period = today.strftime("%Y-%m")
    counties = Organization.objects.filter(depth=1, is_active=True)
    yield from _unassessed_reminders(counties, branch_roles, period, today)
    for county in counties:
        for row in arrears_list(org=county, today=today):
            if not row.level:
                continue
            branch = row.member.branch
            if branch.kind not in MEMBER_HOLDING_KINDS:
                continue
            url = reverse("dues:member_card", kwargs={"member_pk": row.member.pk})
            if row.level == "escalation":
                title = _("%(name)s 已连续 %(n)s 个月未交纳党费（满6个月视为自行脱党，请按党章第九条处理）") % {
                    "name": row.member.name,
                    "n": row.run,
                }
                recipients = holders_over(branch, branch_roles) + holders_over(branch, township_roles)
                kind = "dues_arrears_6"
            else:
                title = _("%(name)s 已连续 %(n)s 个月未交纳党费，请提醒") % {"name": row.member.name, "n": row.run}
                recipients = holders_over(branch, branch_roles)
                kind = "dues_arrears_3"
            seen = set()
            for user in recipients:
                if user.pk in seen:
                    continue
                seen.add(user.pk)
                yield Reminder(
                    recipient=user,
                    kind=kind,
                    subject_key=f"member:{row.member.pk}",
                    period=period,
                    title=title,
                    url=url,
                    organization=branch,
                )


def _unassessed_reminders(counties, branch_roles, period, today) -> Iterable[Reminder]:
    """DOMAIN §3: a member without a standard still owes; the branch that holds the member is asked, once a
    month, to set the standard from the first month owed without one."""
    for county in counties:
        for row in unassessed_list(org=county, today=today):
            branch = row.member.branch
            if branch.kind not in MEMBER_HOLDING_KINDS:
                continue
            url = reverse("dues:duesstandard_change", kwargs={"org_pk": branch.pk, "member_pk": row.member.pk})
            title = _("%(name)s 自 %(m)s 起应交纳党费，但尚未核定党费标准（%(n)s 个月未核定），请核定") % {
                "name": row.member.name,
                "m": row.first.strftime("%Y-%m"),
                "n": row.months,
            }
            seen = set()
            for user in holders_over(branch, branch_roles):
                if user.pk in seen:
                    continue
                seen.add(user.pk)
                yield Reminder(
                    recipient=user,
                    kind="dues_unassessed",
                    subject_key=f"member:{row.member.pk}",
                    period=period,
                    title=title,
                    url=f"{url}?month={row.first:%Y-%m}",
                    organization=branch,
                )
