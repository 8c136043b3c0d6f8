"""Reminders of the standing app, delivered once per key and period by notices.

- a branch committee's term ends in six months, in three months, or has ended without a new election
  approved (issue 16): the branch secretary and the township, once per stage of each term.
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.reminders import TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from branches.rules import RoleKind

from . import rules
from .models import CommitteeTerm, TermStatus


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


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    recipients = role_holders((RoleKind.BRANCH_SECRETARY, *TOWNSHIP_ROLES))
    yield from term_reminders(today=today, recipients=recipients)
