"""Reminders of training and study (DOMAIN §2): from 1 October, the branch secretary and organiser of a branch
where members are still below their yearly minimum hear it once a quarter-year (period "2026Q4")."""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.reminders import BRANCH_ROLES, Reminder, holders_over, role_holders
from members.models import Member

from . import selectors

# The last quarter is when a shortfall can still be made up before the year closes.
REMIND_FROM_MONTH = 10


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """Branches with members below their minimum hours in Q4; a fixed number of queries."""
    if today.month < REMIND_FROM_MONTH:
        return
    branches = {b.pk: b for b in Organization.objects.branches().active()}
    if not branches:
        return
    members = Member.objects.on_roll().filter(branch_id__in=branches)
    branch_of = dict(members.values_list("pk", "branch_id"))
    short: dict[int, int] = {}
    for standing in selectors.hours_standings(members=members, year=today.year):
        if not standing.met:
            branch_id = branch_of[standing.member_id]
            short[branch_id] = short.get(branch_id, 0) + 1
    roles = role_holders(BRANCH_ROLES)
    for branch_id, count in sorted(short.items()):
        branch = branches[branch_id]
        for user in {u.pk: u for u in holders_over(branch, roles)}.values():
            yield Reminder(
                recipient=user,
                kind="learning_hours_short",
                subject_key=f"org:{branch.pk}",
                period=f"{today.year}Q4",
                organization=branch,
                title=_("%(branch)s：%(n)d 名党员本年度学时未达标") % {"branch": branch.display_name, "n": count},
                url=reverse("learning:hours_branch", kwargs={"org_pk": branch.pk}),
            )
