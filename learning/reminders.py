"""Reminders of training and study (DOMAIN §2), from 1 October, to the branch secretary and organiser, once a
year per branch (period "2026Q4"):

- members still below their yearly minimum hours;
- members without a heart-to-heart talk this year (at least one a year, Branch Regs)."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.reminders import BRANCH_ROLES, Reminder, holders_over, role_holders
from members.models import Member

from . import rules, selectors
from .models import Talk


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """Branches with members below their minimum hours in Q4; a fixed number of queries."""
    if today.month < rules.TALKS_DUE_FROM_MONTH:
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
    yield from _talk_reminders(branches=branches, roles=roles, today=today)
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


def _talk_reminders(*, branches, roles, today) -> Iterable[Reminder]:
    first, last = rules.year_bounds(today.year)
    talked = Talk.objects.filter(member=OuterRef("pk"), held_on__range=(first, last))
    without = (
        Member.objects.on_roll()
        .filter(branch_id__in=branches)
        .exclude(Exists(talked))
        .values("branch_id")
        .annotate(n=Count("pk"))
        .order_by("branch_id")
    )
    for row in without:
        branch = branches[row["branch_id"]]
        for user in {u.pk: u for u in holders_over(branch, roles)}.values():
            yield Reminder(
                recipient=user,
                kind="learning_talks_due",
                subject_key=f"org:{branch.pk}",
                period=f"{today.year}Q4",
                organization=branch,
                title=_("%(branch)s：%(n)d 名党员本年度尚未谈心谈话") % {"branch": branch.display_name, "n": row["n"]},
                url=reverse("learning:talks_branch", kwargs={"org_pk": branch.pk}),
            )
