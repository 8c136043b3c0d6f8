"""Reminders of the standing app, delivered once per key and period by notices.

- a branch committee's term ends in six months, in three months, or has ended without a new election
  approved (issue 16): the branch secretary and the township, once per stage of each term;
- a milestone of an open rectification (软弱涣散整顿) is past its deadline: the township and the branch
  secretary, once per milestone and deadline.
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.reminders import TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from branches.rules import RoleKind

from . import rules
from .models import CommitteeTerm, Milestone, RectificationStatus, TermStatus


def current_terms() -> list[CommitteeTerm]:
    """The latest approved term of every active branch (one query)."""
    latest: dict[int, CommitteeTerm] = {}
    terms = (
        CommitteeTerm.objects.filter(status=TermStatus.APPROVED, branch__is_active=True)
        .select_related("branch")
        .order_by("branch_id", "-elected_on")
    )
    for term in terms:
        latest.setdefault(term.branch_id, term)
    return list(latest.values())


def term_reminders(*, today: datetime.date, recipients) -> Iterable[Reminder]:
    for term in current_terms():
        stage = rules.term_stage(ends_on=term.ends_on, today=today)
        if not stage:
            continue
        branch = term.branch
        if stage == "ended":
            title = _("%(branch)s支部委员会任期已于%(day)s届满，请及时换届") % {
                "branch": branch.name,
                "day": term.ends_on.isoformat(),
            }
        else:
            title = _("%(branch)s支部委员会任期将于%(day)s届满（%(n)s个月内），请准备换届") % {
                "branch": branch.name,
                "day": term.ends_on.isoformat(),
                "n": stage[:-1],
            }
        for user in holders_over(branch, recipients):
            yield Reminder(
                recipient=user,
                kind=f"term_{stage}",
                subject_key=f"term:{term.pk}",
                period=term.ends_on.isoformat(),
                organization=branch,
                title=title,
                body=_("本届于%(elected)s选举产生，任期%(years)s年。换届选举结果须报乡镇党委批准。")
                % {"elected": term.elected_on.isoformat(), "years": term.term_years},
                url=reverse("standing:overview", kwargs={"org_pk": branch.pk}),
            )


def milestone_reminders(*, today: datetime.date, recipients) -> Iterable[Reminder]:
    milestones = (
        Milestone.objects.filter(rectification__status=RectificationStatus.OPEN, done_on__isnull=True, due_on__lt=today)
        .select_related("rectification__branch")
        .order_by("due_on", "pk")
    )
    for milestone in milestones:
        if not rules.milestone_overdue(due_on=milestone.due_on, done_on=milestone.done_on, today=today):
            continue
        rectification = milestone.rectification
        branch = rectification.branch
        for user in holders_over(branch, recipients):
            yield Reminder(
                recipient=user,
                kind="rectification_milestone_overdue",
                subject_key=f"milestone:{milestone.pk}",
                period=milestone.due_on.isoformat(),
                organization=branch,
                title=_("%(branch)s整顿任务“%(title)s”已逾期") % {"branch": branch.name, "title": milestone.title},
                body=_("完成时限为%(day)s，联系领导：%(leader)s。完成后请在整顿记录中登记完成日期。")
                % {"day": milestone.due_on.isoformat(), "leader": rectification.leader_name},
                url=reverse("standing:rectification_detail", kwargs={"rectification_pk": rectification.pk}),
            )


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    recipients = role_holders((RoleKind.BRANCH_SECRETARY, *TOWNSHIP_ROLES))
    yield from term_reminders(today=today, recipients=recipients)
    yield from milestone_reminders(today=today, recipients=recipients)
